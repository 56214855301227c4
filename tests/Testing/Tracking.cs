using Microsoft.Extensions.Hosting;
using Wolverine.Tracking;

namespace StudentBase.Testing;

/// <summary>
/// Wolverine's message tracking with room for the first use of a handler, which compiles its code at runtime
/// (seconds on a busy two-core machine) where the default allows five.
/// </summary>
public static class Tracking
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<ITrackedSession> InvokeAndWaitAsync(this IHost host, object message) =>
        host.TrackActivity().Timeout(Patience).InvokeMessageAndWaitAsync(message);

    public static Task<ITrackedSession> TrackAsync(this IHost host, Func<Task> action) =>
        host.TrackActivity().Timeout(Patience).ExecuteAndWaitAsync(_ => action());
}
