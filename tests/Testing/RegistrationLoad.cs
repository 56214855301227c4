using System.Collections.Concurrent;
using System.Diagnostics;
using Shouldly;

namespace StudentBase.Testing;

/// <summary>
/// A steady stream of registrations against a service that tests kill and restart: writers register students one after
/// another until stopped, and keep trying while the service is down.
/// </summary>
public sealed class RegistrationLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _writers;

    private RegistrationLoad(HttpClient internships, int writers, CancellationToken cancellation) =>
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    if (await DevelopmentPartners.RegisterStudentAsync(internships, cancellation) is { } student)
                    {
                        Accepted.Add(student);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }, CancellationToken.None))];

    /// <summary>Every student the service answered 201 for.</summary>
    public ConcurrentBag<Guid> Accepted { get; } = [];

    public static RegistrationLoad Start(HttpClient internships, int writers, CancellationToken cancellation) => new(internships, writers, cancellation);

    /// <summary>Waits until the service has accepted <paramref name="count"/> registrations in all; fails when it makes no progress.</summary>
    public async Task UntilAcceptedAsync(int count, TimeSpan patience, CancellationToken cancellation)
    {
        var waited = Stopwatch.StartNew();
        while (Accepted.Count < count)
        {
            waited.Elapsed.ShouldBeLessThan(patience, "the writers made no progress");
            await Task.Delay(50, cancellation);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
