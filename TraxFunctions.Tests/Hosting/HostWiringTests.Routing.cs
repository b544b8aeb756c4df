using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Extensions;
using Trax.Links;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Reports;

namespace Trax.Tests.Hosting;

/// <summary>
/// How the host routes a request: the path and method each function is matched by, and the contract paths no function
/// takes.
/// </summary>
public sealed partial class HostWiringTests
{
    [Test]
    public void Metadata_HostRouting_SendsTheUploadToItsFunctionAndTheLookupItsOwn()
    {
        Assert.That(Metadata.Route("POST", "/api/conversions/upload"), Is.EqualTo(nameof(Trax.Uploads.UploadConversions)));
        Assert.That(Metadata.Route("GET", "/api/conversions"), Is.EqualTo(nameof(LookupConversions)));
        Assert.That(Metadata.Route("GET", "/api/conversions/upload"), Is.Null, "an unlisted method is 404");
    }

    [Test]
    public void Metadata_HostRouting_SendsClickAndLinkPathsToTheirFunctions()
    {
        var go = Metadata.Match("GET", "/go/SuperGame1")!;
        Assert.That(go.Function, Is.EqualTo(nameof(ClickRedirect)));
        Assert.That(go.Values["linkId"], Is.EqualTo("SuperGame1"));
        Assert.That(Metadata.Route("HEAD", "/go/supergame1"), Is.EqualTo(nameof(ClickRedirect)));
        Assert.That(Metadata.Route("POST", "/go/supergame1"), Is.Null);
        Assert.That(Metadata.Route("GET", "/go"), Is.Null);
        Assert.That(Metadata.Route("POST", "/api/clicks"), Is.EqualTo(nameof(RegisterClicks)));
        Assert.That(Metadata.Route("GET", "/api/clicks"), Is.Null);
        Assert.That(Metadata.Route("GET", "/api/links"), Is.EqualTo(nameof(LinksApi.ListLinks)));
        Assert.That(Metadata.Route("POST", "/api/links"), Is.EqualTo(nameof(LinksApi.CreateLink)));
        Assert.That(Metadata.Match("DELETE", "/api/links/supergame1")!.Values["id"], Is.EqualTo("supergame1"));
        Assert.That(Metadata.Route("DELETE", "/api/links"), Is.Null, "one function per verb and route");
        Assert.That(Metadata.Route("PATCH", "/api/links/supergame1"), Is.Null);
    }

    [Test]
    public void Metadata_HostRouting_SendsConsolePathsToTheConsole()
    {
        // The page holds no data, so it is anonymous; what it shows comes from the key-protected APIs.
        Assert.That(Metadata.Route("GET", "/console"), Is.EqualTo(nameof(Trax.OperatorConsole.ConsoleSite.ConsoleIndex)));
        Assert.That(Metadata.Route("HEAD", "/Console"), Is.EqualTo(nameof(Trax.OperatorConsole.ConsoleSite.ConsoleIndex)));
        var file = Metadata.Match("GET", "/console/assets/index-abc.js")!;
        Assert.That(file.Function, Is.EqualTo(nameof(Trax.OperatorConsole.ConsoleSite.ConsoleFiles)));
        Assert.That(file.Values["path"], Is.EqualTo("assets/index-abc.js"));
        Assert.That(Metadata.Match("GET", "/console/postbacks")!.Values["path"], Is.EqualTo("postbacks"));
        Assert.That(Metadata.Route("POST", "/console/postbacks"), Is.Null, "the console's files are only read");
        Assert.That(Metadata.Route("GET", "/consoles"), Is.Null);
        Assert.That(Metadata.Route("GET", "/api/postbacks"), Is.EqualTo(nameof(ListPostbacks)), "the APIs keep their own routes");
    }

    [Test]
    public void Metadata_HostRouting_ServesTheContractPathsCaseInsensitively()
    {
        Assert.That(Metadata.Route("GET", "/wp-json/trax/v1/ftd"), Is.EqualTo(nameof(PostbackFtd)));
        Assert.That(Metadata.Route("POST", "/wp-json/trax/v1/reg"), Is.EqualTo(nameof(PostbackReg)));
        Assert.That(Metadata.Route("GET", "/WP-JSON/Trax/V1/SALE"), Is.EqualTo(nameof(PostbackSale)));
        Assert.That(Metadata.Route("GET", "/api/wp-json/trax/v1/ftd"), Is.Null, "no api/ prefix");
    }

    [TestCaseSource(typeof(ContractCase), nameof(ContractCase.Routed))]
    public void Metadata_ContractCaseAnsweredByTheHost_HasNoFunction(ContractCase contract)
    {
        // Unknown types and unlisted methods never reach Trax: the host answers 404 (the contract allows 404 for
        // a method it does not route, where it would like 405).
        Assert.That(Metadata.Route(contract.Method, contract.Path), Is.Null, contract.ToString());
        Assert.That(contract.ExpectedStatus, Is.AnyOf(404, 405));
    }

    [Test]
    public void Metadata_ForwardRoutes_DeliveriesAndReplayAreNotTakenForAForwardId()
    {
        Assert.That(Metadata.Route("GET", "/api/forwards/ads/deliveries"), Is.EqualTo(nameof(Trax.Forwards.ForwardsApi.ListForwardDeliveries)));
        Assert.That(Metadata.Route("POST", "/api/forwards/ads/replay"), Is.EqualTo(nameof(Trax.Forwards.ForwardsApi.ReplayForward)));
        Assert.That(Metadata.Match("GET", "/api/forwards/ads")!.Values["id"], Is.EqualTo("ads"));
        Assert.That(Metadata.Route("POST", "/api/forwards/ads"), Is.Null, "a forward is saved with PUT");
        Assert.That(Metadata.Route("DELETE", "/api/forwards"), Is.Null);
    }
}
