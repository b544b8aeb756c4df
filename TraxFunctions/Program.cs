using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Trax.Extensions;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and answer with IActionResult.
builder.ConfigureFunctionsWebApplication();

builder.AddTrax();

builder.Build().Run();
