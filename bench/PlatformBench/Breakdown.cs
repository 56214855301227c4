using System.Diagnostics;
using System.Globalization;
using System.Net;
using StudentBase.Testing;

namespace PlatformBench;

/// <summary>
/// Where one command's time goes at 1 client: the stages the service reports in its Server-Timing header (admission,
/// the work before the commit and its database reads, the commit, the answer), the rest of the round trip as the client
/// sees it (HTTP over loopback, Kestrel, the client), and telemetry's share from a second run with the OpenTelemetry SDK off.
/// </summary>
public static class Breakdown
{
    public static readonly string[] Stages = ["admission", "handler", "reads", "commit", "answer", "total"];

    public sealed record Result(int Requests, double ClientP50, IReadOnlyDictionary<string, double> StageP50);

    /// <summary>Registers students one after another for <paramref name="duration"/> and returns the p50 of each stage.</summary>
    public static async Task<Result> MeasureAsync(ServiceProcess internships, TimeSpan duration)
    {
        using var client = internships.CreateClient(1);
        var client50 = new List<double>();
        var stages = Stages.ToDictionary(stage => stage, _ => new List<double>());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var request = DevelopmentPartners.StudentRegistration();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created || !response.Headers.TryGetValues("Server-Timing", out var timing))
            {
                throw new InvalidOperationException($"A registration answered {response.StatusCode} without Server-Timing.");
            }

            client50.Add(elapsed);
            foreach (var (stage, milliseconds) in Parse(string.Join(",", timing)))
            {
                stages[stage].Add(milliseconds);
            }
        }

        return new Result(client50.Count, Median(client50), stages.ToDictionary(stage => stage.Key, stage => Median(stage.Value)));
    }

    private static IEnumerable<(string Stage, double Milliseconds)> Parse(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(metric => metric.Split(";dur="))
            .Where(parts => parts.Length == 2 && Stages.Contains(parts[0]))
            .Select(parts => (parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture)));

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : Figures.Percentile([.. values.Order()], 0.50);
}
