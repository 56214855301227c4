using System.Diagnostics;

namespace PlatformBench;

/// <summary>What one load run measured: throughput, latency percentiles and failures.</summary>
public sealed record Figures(int Clients, int Operations, int Errors, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Operations / Seconds;

    public string Describe() =>
        $"{Clients,3} clients: {PerSecond,8:N0}/s  p50 {P50,6:N1} ms  p95 {P95,6:N1} ms  p99 {P99,6:N1} ms  errors {Errors}";

    public static Figures From(int clients, IReadOnlyList<double> latencies, int errors, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToArray();
        return new Figures(clients, sorted.Length, errors, elapsed.TotalSeconds,
            Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
    }

    public static double Percentile(IReadOnlyList<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}

/// <summary>Closed-loop load: each client does one operation after another for the whole run.</summary>
public static class Load
{
    /// <summary>Runs <paramref name="clients"/> loops of <paramref name="operation"/> (given the client and its n-th call; true when it succeeded).</summary>
    public static async Task<Figures> RunAsync(int clients, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var latencies = new List<double>[clients];
        var errors = new int[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            latencies[client] = [];
            for (var call = 0; clock.Elapsed < duration; call++)
            {
                var started = Stopwatch.GetTimestamp();
                bool succeeded;
                try
                {
                    succeeded = await operation(client, call);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
                {
                    succeeded = false;
                }

                if (succeeded)
                {
                    latencies[client].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    errors[client]++;
                }
            }
        })));
        var elapsed = clock.Elapsed;
        return Figures.From(clients, [.. latencies.SelectMany(list => list)], errors.Sum(), elapsed);
    }
}
