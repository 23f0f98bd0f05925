using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using Traffic.Actors;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

/// <summary>The HTTP endpoints: /health, /metrics and the JSON API under /api.</summary>
public static class HttpApi
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthAsync);
        app.MapGet("/metrics", MetricsAsync);
        app.MapGet("/api/corridors", CorridorsAsync);
        app.MapGet("/api/corridors/{id}", CorridorAsync);
        app.MapGet("/api/intersections/{id}", IntersectionAsync);
    }

    private static async Task<IResult> HealthAsync(Network network, BrokerService broker, MqttBridgeService bridge, ServiceClock clock, IRequiredActor<TrafficRegion> region, CancellationToken ct)
    {
        var connected = bridge.Gateway?.Connection.IsConnected == true;
        var assignments = await AssignmentsAsync(region, ct);
        var up = assignments is not null;
        var view = new HealthView(
            connected && up ? "ok" : "degraded",
            new BrokerHealth(connected, broker.Embedded, $"{bridge.Gateway?.Options.Connection.Host ?? "?"}:{broker.Port}"),
            new ActorsHealth(up, assignments?.Count ?? 0),
            network.Intersections.Count,
            Math.Round(clock.Uptime.TotalSeconds, 1));
        return Results.Json(view, statusCode: connected && up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task MetricsAsync(HttpContext http, BrokerService broker, MqttBridgeService bridge, ServiceClock clock, MetricsRefresher refresher, IRequiredActor<TrafficRegion> region)
    {
        var ct = http.RequestAborted;
        var actor = await region.GetAsync(ct);
        var assignments = await AssignmentsAsync(region, ct);
        await refresher.RefreshAsync(bridge.Gateway?.Counters, actor, assignments?.Keys ?? [], bridge.Gateway?.Connection.IsConnected == true, clock.Uptime, ct);
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, ct);
    }

    private static async Task<IResult> CorridorsAsync(Network network, IRequiredActor<TrafficRegion> region, CancellationToken ct)
    {
        var assignments = await AssignmentsAsync(region, ct);
        if (assignments is null)
        {
            return Unavailable();
        }

        var actor = await region.GetAsync(ct);
        var states = await Task.WhenAll(assignments.Keys.Select(id => actor.Ask<object>(new GetCorridorState(id), QueryTimeout, ct)));
        return Results.Json(new CorridorList([.. states.OfType<CorridorState>().Select(s => CorridorView.From(s, network))]));
    }

    private static async Task<IResult> CorridorAsync(string id, Network network, IRequiredActor<TrafficRegion> region, CancellationToken ct)
    {
        var actor = await region.GetAsync(ct);
        return await actor.Ask<object>(new GetCorridorState(id), QueryTimeout, ct) switch
        {
            CorridorState s => Results.Json(CorridorView.From(s, network)),
            Rejected r => Results.Json(new ApiError(r.Reason), statusCode: StatusCodes.Status404NotFound),
            var other => Results.Json(new ApiError($"unexpected reply {other.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    private static async Task<IResult> IntersectionAsync(string id, Network network, IRequiredActor<TrafficRegion> region, CancellationToken ct)
    {
        var intersection = network.Intersections.FirstOrDefault(i => i.Id == id);
        if (intersection is null)
        {
            return Results.Json(new ApiError($"unknown intersection '{id}' in network {network.Name}"), statusCode: StatusCodes.Status404NotFound);
        }

        var actor = await region.GetAsync(ct);
        return await actor.Ask<object>(new GetState(id), QueryTimeout, ct) switch
        {
            IntersectionState s => Results.Json(IntersectionView.From(s, intersection)),
            Rejected r => Results.Json(new ApiError(r.Reason), statusCode: StatusCodes.Status503ServiceUnavailable),
            var other => Results.Json(new ApiError($"unexpected reply {other.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>?> AssignmentsAsync(IRequiredActor<TrafficRegion> region, CancellationToken ct)
    {
        try
        {
            var actor = await region.GetAsync(ct);
            return await actor.Ask<IReadOnlyDictionary<string, IReadOnlyList<string>>>(GetAssignments.Instance, TimeSpan.FromSeconds(1), ct);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static IResult Unavailable() => Results.Json(new ApiError("the actors do not answer"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
