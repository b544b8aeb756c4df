using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Trax.Extensions;
using Trax.Monitoring;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and answer with IActionResult.
builder.ConfigureFunctionsWebApplication();

// Logs and Trax metrics to Application Insights (when APPLICATIONINSIGHTS_CONNECTION_STRING is set).
builder.AddTraxTelemetry();

builder.AddTrax();

builder.Build().Run();
