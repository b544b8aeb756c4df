using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Trax.Extensions;
using Trax.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and answer with IActionResult.
builder.ConfigureFunctionsWebApplication();

// Logs and Trax metrics to Application Insights (when APPLICATIONINSIGHTS_CONNECTION_STRING is set).
builder.AddTraxTelemetry();

// Trax's services, and the middleware that answers 503 for every storage fault (after the integration above).
builder.AddTrax();

builder.Build().Run();
