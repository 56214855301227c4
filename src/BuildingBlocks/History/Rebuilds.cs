using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace StudentBase.History;

public enum RebuildState
{
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>A rebuild of one read model: how far it is, and how fast it went.</summary>
public sealed class RebuildJob
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public RebuildState State { get; set; } = RebuildState.Running;
    public int Streams { get; set; }
    public int Rebuilt { get; set; }
    public long Events { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double EventsPerSecond { get; set; }
    public string? Error { get; set; }
}

public sealed record RebuildRequest(string Kind);

/// <summary>
/// Rebuilds a read model from the event history, record by record: each document is replaced by the state its stream
/// folds to, so the service keeps answering (from the old document until its new one is stored) while it runs. A stream
/// that moves while it is rebuilt is folded again, so a rebuild never leaves a document behind its stream.
/// </summary>
public sealed partial class ProjectionRebuilder(
    IDocumentStore store, NpgsqlDataSource dataSource, IEnumerable<HistoricalAggregate> aggregates, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<ProjectionRebuilder> logger)
{
    private const int BatchSize = 500;
    private readonly ConcurrentDictionary<Guid, RebuildJob> _jobs = new();

    public IReadOnlyCollection<string> Kinds => [.. aggregates.Select(aggregate => aggregate.Kind)];

    public RebuildJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Starts a rebuild in the background and returns its job at once.</summary>
    public RebuildJob Start(string kind)
    {
        var job = new RebuildJob { Id = Guid.CreateVersion7(), Kind = kind, StartedAt = clock.GetUtcNow() };
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, lifetime.ApplicationStopping));
        return job;
    }

    /// <summary>Runs a rebuild to its end (the command line's way), reporting progress as it goes.</summary>
    public async Task<RebuildJob> RunAsync(RebuildJob job, CancellationToken cancellation, Action<RebuildJob>? progress = null)
    {
        var aggregate = aggregates.Single(candidate => candidate.Kind == job.Kind);
        var watch = Stopwatch.StartNew();
        try
        {
            var streams = await StreamsOfAsync(aggregate.Type, cancellation);
            job.Streams = streams.Count;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2, CancellationToken = cancellation };
            var progressLock = new Lock();
            await Parallel.ForEachAsync(streams.Chunk(BatchSize), parallel, async (batch, token) =>
            {
                var events = await RebuildBatchAsync(aggregate, batch, token);
                lock (progressLock)
                {
                    job.Events += events;
                    job.Rebuilt += batch.Length;
                    job.EventsPerSecond = job.Events / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
                    progress?.Invoke(job);
                }
            });

            job.State = RebuildState.Completed;
            Finished(logger, job.Kind, job.Rebuilt, job.Events, watch.Elapsed.TotalSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            job.State = RebuildState.Failed;
            job.Error = exception.Message;
            Failed(logger, exception, job.Kind);
        }
        finally
        {
            job.FinishedAt = clock.GetUtcNow();
        }

        return job;
    }

    private async Task<long> RebuildBatchAsync(HistoricalAggregate aggregate, Guid[] streams, CancellationToken cancellation)
    {
        long events = 0;
        IReadOnlyCollection<Guid> pending = streams;
        while (pending.Count > 0)
        {
            var folded = await VersionsAsync(pending, cancellation);
            await using (var session = store.LightweightSession())
            {
                foreach (var (stream, version) in folded)
                {
                    var document = await aggregate.StateAsync(session, stream, version, null, cancellation);
                    if (document is null)
                    {
                        aggregate.Delete(session, stream);
                    }
                    else
                    {
                        session.Store(document);
                    }

                    events += version;
                }

                await session.SaveChangesAsync(cancellation);
            }

            // A command may have stored a newer document meanwhile, which the one above replaced: fold those again.
            var now = await VersionsAsync(folded.Keys, cancellation);
            pending = [.. folded.Where(entry => now.GetValueOrDefault(entry.Key) != entry.Value).Select(entry => entry.Key)];
        }

        return events;
    }

    /// <summary>Each stream's current version, in one query.</summary>
    private async Task<Dictionary<Guid, long>> VersionsAsync(IEnumerable<Guid> streams, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
        var versions = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return versions;
    }

    /// <summary>The streams whose events the aggregate folds: those holding an event its Create or Apply methods take.</summary>
    private async Task<IReadOnlyList<Guid>> StreamsOfAsync(Type aggregateType, CancellationToken cancellation)
    {
        var eventTypes = aggregateType.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Where(method => method.Name is "Create" or "Apply" && method.GetParameters().Length >= 1)
            .Select(method => method.GetParameters()[0].ParameterType)
            .Select(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEvent<>) ? type.GetGenericArguments()[0] : type)
            .Distinct()
            .Select(type => ((Marten.Events.EventGraph)((DocumentStore)store).Options.Events).EventMappingFor(type).EventTypeName)
            .ToArray();

        await using var command = dataSource.CreateCommand(
            $"select distinct stream_id from {store.Options.Events.DatabaseSchemaName}.mt_events where type = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventTypes });
        var streams = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            streams.Add(reader.GetGuid(0));
        }

        return streams;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Rebuilt {Kind}: {Streams} records from {Events} events in {Seconds:0.0} s")]
    private static partial void Finished(ILogger logger, string kind, int streams, long events, double seconds);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "The rebuild of {Kind} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string kind);
}

public static class StartRebuildEndpoint
{
    public static ProblemDetails Validate(RebuildRequest? request, ProjectionRebuilder rebuilder) => request switch
    {
        null => Problems.Create(Problems.MalformedRequest, "A request body is required.", "需要请求体。"),
        _ when !rebuilder.Kinds.Contains(request.Kind) =>
            Problems.Create(Problems.Validation, $"'kind' is one of: {string.Join(", ", rebuilder.Kinds)}.",
                $"'kind' 须为以下之一：{string.Join(", ", rebuilder.Kinds)}。"),
        _ => WolverineContinue.NoProblems,
    };

    [WolverinePost($"{HistoryEndpoints.Prefix}/rebuilds")]
    [Allow(PartnerRole.Operator, PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("Rebuilds a read model from the history while the service keeps answering; follow it at the Location")]
    [ProducesResponseType<RebuildJob>(StatusCodes.Status202Accepted)]
    public static IResult Post(RebuildRequest request, ProjectionRebuilder rebuilder)
    {
        var job = rebuilder.Start(request.Kind);
        return Results.Accepted($"{HistoryEndpoints.Prefix}/rebuilds/{job.Id}", job);
    }
}

public static class RebuildProgressEndpoint
{
    [WolverineGet($"{HistoryEndpoints.Prefix}/rebuilds/{{id}}")]
    [Allow(PartnerRole.Operator, PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("How far a rebuild is: records rebuilt of all, events folded, events per second")]
    [ProducesResponseType<RebuildJob>(StatusCodes.Status200OK)]
    public static IResult Get(Guid id, ProjectionRebuilder rebuilder) =>
        rebuilder.Find(id) is { } job ? Results.Ok(job) : Results.Problem(Problems.Create(Problems.NotFound,
            $"No rebuild {id} since the service started.", $"自服务启动以来没有重建 {id}。"));
}
