using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using StudentBase.Testing;

namespace PlatformBench;

/// <summary>How long a committed event in Internships takes to show in a consumer's read model, under a steady rate.</summary>
public static class Propagation
{
    public sealed record Result(string ReadModel, int Sent, int Arrived, double P50, double P95, double P99, double Max);

    /// <summary>
    /// Registers students at <paramref name="perSecond"/> for <paramref name="duration"/> (an open loop: a slow answer does not
    /// slow the rate) and watches each consumer's read model table from outside, every few milliseconds, for each student
    /// from the moment Internships answered 201 (its transaction committed) until the row is there.
    /// </summary>
    public static async Task<IReadOnlyList<Result>> MeasureAsync(ServiceProcess internships, NpgsqlDataSource database,
        IReadOnlyList<string> readModelTables, int perSecond, TimeSpan duration)
    {
        using var client = internships.CreateClient(64);
        var committed = new ConcurrentDictionary<Guid, long>();
        var arrived = readModelTables.ToDictionary(table => table, _ => new ConcurrentDictionary<Guid, double>());
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var watchers = readModelTables.Select(table => WatchAsync(database, table, committed, arrived[table], stop.Token)).ToList();

        var clock = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        var requests = new List<Task>(total);
        for (var index = 0; index < total; index++)
        {
            var due = TimeSpan.FromSeconds((double)index / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            requests.Add(Task.Run(async () =>
            {
                if (await DevelopmentPartners.RegisterStudentAsync(client) is { } student)
                {
                    committed[student] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref sent);
                }
            }));
        }

        await Task.WhenAll(requests);
        var settle = Stopwatch.StartNew();
        while (arrived.Values.Any(seen => seen.Count < committed.Count) && settle.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(watchers.Select(watcher => watcher.ContinueWith(_ => { }, TaskScheduler.Default)));
        return [.. readModelTables.Select(table =>
        {
            var latencies = arrived[table].Values.Order().ToArray();
            return new Result(table, sent, latencies.Length, Figures.Percentile(latencies, 0.50), Figures.Percentile(latencies, 0.95),
                Figures.Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1]);
        })];
    }

    private static async Task WatchAsync(NpgsqlDataSource database, string table, ConcurrentDictionary<Guid, long> committed,
        ConcurrentDictionary<Guid, double> arrived, CancellationToken stop)
    {
        await using var connection = await database.OpenConnectionAsync(stop);
        await using var query = new NpgsqlCommand($"select id from {table} where id = any($1)", connection) { Parameters = { new() } };
        while (!stop.IsCancellationRequested)
        {
            var waiting = committed.Keys.Where(student => !arrived.ContainsKey(student)).ToArray();
            if (waiting.Length > 0)
            {
                query.Parameters[0].Value = waiting;
                await using var reader = await query.ExecuteReaderAsync(stop);
                var now = Stopwatch.GetTimestamp();
                while (await reader.ReadAsync(stop))
                {
                    var student = reader.GetGuid(0);
                    arrived.TryAdd(student, Stopwatch.GetElapsedTime(committed[student], now).TotalMilliseconds);
                }
            }

            await Task.Delay(5, stop);
        }
    }
}
