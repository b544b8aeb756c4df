using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Trax.Http;

namespace Trax.Testing;

/// <summary>
/// Invokes Trax's functions the way the host and the worker do, and is the one way tests and benchmarks call them:
/// an HTTP request is routed by functions.metadata (as the host routes it: case-insensitive, unlisted method → no
/// function), the function class is activated from the app's services, its method is called with the request, the
/// route values and a cancellation token, all inside the app's <see cref="StorageFaultMiddleware"/>; then the
/// returned answer is executed into the response, as the ASP.NET Core integration does after the middleware. Queue
/// and timer functions are invoked by name with their trigger's value.
/// </summary>
public sealed class FunctionHost(IServiceProvider services, FunctionsMetadata metadata)
{
    /// <summary>The key under which the ASP.NET Core integration keeps the request's HttpContext in FunctionContext.Items.</summary>
    private const string HttpContextKey = "HttpRequestContext";

    private readonly StorageFaultMiddleware middleware = services.GetRequiredService<StorageFaultMiddleware>();

    public FunctionsMetadata Metadata => metadata;

    /// <summary>Runs the request through the function the host would pick, and reads the answer back.</summary>
    public async Task<Answer> SendAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var match = metadata.Match(request.Method, request.Path)
            ?? throw new InvalidOperationException($"The host would answer 404 to {request.Method} {request.Path}.");
        IActionResult? result = null;
        var context = new InvocationContext(match.Function, services, cancellationToken);
        context.Items[HttpContextKey] = request.HttpContext;
        await middleware.Invoke(context, async _ =>
        {
            result = (IActionResult?)await InvokeAsync(match.Function, parameter => parameter switch
            {
                _ when parameter.ParameterType == typeof(HttpRequest) => request,
                _ when parameter.ParameterType == typeof(CancellationToken) => cancellationToken,
                _ when match.Values.TryGetValue(parameter.Name!, out var value) => value,
                _ => throw new InvalidOperationException($"{match.Function} takes '{parameter.Name}', which its route does not give."),
            });
        });

        // What the integration does once the middleware returns: run the function's answer, if it gave one.
        if (result is not null)
        {
            await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        }

        return HttpRequests.ReadAnswer(request);
    }

    /// <summary>Runs a queue- or timer-triggered function with its trigger's value (a message's text, a TimerInfo).</summary>
    public async Task RunAsync(string function, object? trigger, CancellationToken cancellationToken = default) =>
        await RunAsync(function, trigger, new Dictionary<string, object?>(), cancellationToken);

    /// <summary>As <see cref="RunAsync(string, object?, CancellationToken)"/>, with the trigger's metadata (a queue message's <c>Id</c>) in the binding data.</summary>
    public async Task RunAsync(string function, object? trigger, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken = default)
    {
        var context = new InvocationContext(function, services, cancellationToken, bindingData);
        await middleware.Invoke(context, async _ => await InvokeAsync(function, parameter =>
            parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : parameter.ParameterType == typeof(FunctionContext) ? context
            : trigger));
    }

    private async Task<object?> InvokeAsync(string function, Func<ParameterInfo, object?> argument)
    {
        var target = entryPoints.GetOrAdd(function, Resolve);
        var instance = target.Activate(services, []);
        var task = (Task)target.Method.Invoke(instance, [.. target.Parameters.Select(argument)])!;
        await task;
        return target.Result?.GetValue(task);
    }

    /// <summary>The class and method functions.metadata names as the function's entry point, found once.</summary>
    private EntryPoint Resolve(string function)
    {
        var entryPoint = (string)metadata.Function(function)["entryPoint"]!;
        var split = entryPoint.LastIndexOf('.');
        var type = typeof(StorageFaultMiddleware).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
        var method = type.GetMethod(entryPoint[(split + 1)..])!;
        return new EntryPoint(ActivatorUtilities.CreateFactory(type, []), method, method.GetParameters(),
            method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result)) : null);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EntryPoint> entryPoints = new();

    private sealed record EntryPoint(ObjectFactory Activate, MethodInfo Method, ParameterInfo[] Parameters, PropertyInfo? Result);

    /// <summary>The worker's per-invocation context, with what Trax's middleware reads: the function's name and Items.</summary>
    private sealed class InvocationContext(
        string function, IServiceProvider services, CancellationToken cancellationToken, IReadOnlyDictionary<string, object?>? bindingData = null)
        : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId => function;

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext { get; } = new Bindings(bindingData ?? new Dictionary<string, object?>());

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override FunctionDefinition FunctionDefinition { get; } = new Definition(function);

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException("Trax's middleware reads no invocation features.");

        public override CancellationToken CancellationToken => cancellationToken;
    }

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(StorageFaultMiddleware).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
