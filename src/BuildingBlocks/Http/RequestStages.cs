using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.Http;

/// <summary>
/// Where one request's time went, in stages: admission (body limit, authentication, rate limit, authorisation), the work
/// before the commit (validation, the queries it makes, loading the record, deciding), of that the database reads, the
/// commit (inline projections, the batch and the durable commit), and the answer after it. With
/// <c>Operations:ServerTiming</c> on (the Operations block measures them), each answer carries them in a W3C <c>Server-Timing</c> header (milliseconds), which
/// browsers' developer tools and the platform benchmark read; off by default, when none of this runs.
/// </summary>
public sealed class RequestStages
{
    public const string Setting = "Operations:ServerTiming";
    private static readonly AsyncLocal<RequestStages?> InFlight = new();

    private readonly long _started = Stopwatch.GetTimestamp();
    private long _admitted;
    private long _committing;
    private long _committed;
    private long _reads;

    /// <summary>The request being served on this flow, when timing is on.</summary>
    public static RequestStages? Current => InFlight.Value;

    public static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue<bool>(Setting);

    public void Admitted() => _admitted = Stopwatch.GetTimestamp();

    public void Committing()
    {
        if (_committing == 0)
        {
            _committing = Stopwatch.GetTimestamp();
        }
    }

    public void Committed() => _committed = Stopwatch.GetTimestamp();

    public void Read(TimeSpan duration)
    {
        if (_committing == 0)
        {
            Interlocked.Add(ref _reads, duration.Ticks);
        }
    }

    /// <summary>The header's value, measured up to <paramref name="answering"/>.</summary>
    public string Describe(long answering)
    {
        var admitted = _admitted == 0 ? answering : _admitted;
        var beforeCommit = _committing == 0 ? answering : _committing;
        var committed = _committed == 0 ? beforeCommit : _committed;
        return string.Join(", ",
            Stage("admission", _started, admitted),
            Stage("handler", admitted, beforeCommit),
            $"reads;dur={TimeSpan.FromTicks(_reads).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}",
            Stage("commit", beforeCommit, committed),
            Stage("answer", committed, answering),
            Stage("total", _started, answering));
    }

    public static RequestStages Begin() => InFlight.Value = new RequestStages();

    /// <summary>
    /// Until disposed, what this flow commits or reads is not the request's own work (looking up and keeping an
    /// Idempotency-Key's answer) and is left out of its stages.
    /// </summary>
    public static IDisposable Aside()
    {
        var current = InFlight.Value;
        InFlight.Value = null;
        return new Restore(current);
    }

    private sealed class Restore(RequestStages? stages) : IDisposable
    {
        public void Dispose() => InFlight.Value = stages;
    }

    private static string Stage(string name, long from, long to) =>
        $"{name};dur={Stopwatch.GetElapsedTime(from, Math.Max(from, to)).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}";
}
