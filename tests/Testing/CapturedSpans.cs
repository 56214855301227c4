using System.Collections.Concurrent;
using System.Diagnostics;

namespace StudentBase.Testing;

/// <summary>
/// Every span the service records (all sources but the test's own HTTP client, Alba), with its tags and events, to prove what
/// never reaches a trace.
/// </summary>
public sealed class CapturedSpans : IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _listener;

    public CapturedSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name != "Alba",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _texts.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Each finished span as one line: source, name, tags and events.</summary>
    public IReadOnlyCollection<string> Texts => _texts;

    public void Dispose() => _listener.Dispose();

    private static string Describe(Activity activity) =>
        $"{activity.Source.Name} {activity.DisplayName} " +
        string.Join(' ', activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")) + " " +
        string.Join(' ', activity.Events.Select(e => e.Name + " " + string.Join(' ', e.Tags.Select(tag => $"{tag.Key}={tag.Value}"))));
}
