using Microsoft.Extensions.Diagnostics.HealthChecks;
using StudentBase.Operations;

namespace StudentBase.Operations.Tests;

/// <summary>Given the figures of a sample, the health a service reports.</summary>
public class JudgingMessagingHealth
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly HealthThresholds Thresholds = new();

    private static MessagingFigures Figures(
        IReadOnlyList<QueueFigures>? queues = null, long inbox = 0, long outbox = 0, IReadOnlyList<ProjectionFigures>? projections = null) =>
        new(Now, queues ?? [new QueueFigures("subsidies_inbox", 0, TimeSpan.Zero)], inbox, outbox, 5000, projections ?? []);

    [Fact]
    public void queues_that_keep_up_are_healthy()
    {
        var health = MessagingHealthCheck.Judge(Figures([new QueueFigures("subsidies_inbox", 12, TimeSpan.FromSeconds(1))]), Thresholds, Now);

        health.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public void a_queue_whose_oldest_message_waits_too_long_is_degraded_and_named()
    {
        var health = MessagingHealthCheck.Judge(Figures([new QueueFigures("subsidies_inbox", 1, TimeSpan.FromSeconds(45))]), Thresholds, Now);

        health.Status.ShouldBe(HealthStatus.Degraded);
        health.Description.ShouldBe("Behind: subsidies_inbox: 1 messages, the oldest waiting 45 s.");
    }

    [Fact]
    public void a_deep_queue_a_full_inbox_or_outbox_is_degraded()
    {
        MessagingHealthCheck.Judge(Figures([new QueueFigures("events_inbox", 1001, TimeSpan.Zero)]), Thresholds, Now).Status.ShouldBe(HealthStatus.Degraded);
        MessagingHealthCheck.Judge(Figures(inbox: 1001), Thresholds, Now).Description.ShouldBe("Behind: inbox: 1001 messages waiting.");
        MessagingHealthCheck.Judge(Figures(outbox: 1001), Thresholds, Now).Description.ShouldBe("Behind: outbox: 1001 messages unsent.");
    }

    [Fact]
    public void a_projection_far_behind_but_moving_is_degraded()
    {
        var health = MessagingHealthCheck.Judge(Figures(projections: [new ProjectionFigures("Figures:All", 1500, Now.AddSeconds(-2))]), Thresholds, Now);

        health.Status.ShouldBe(HealthStatus.Degraded);
        health.Description.ShouldBe("Behind: Figures:All: 1500 events behind.");
    }

    [Fact]
    public void a_projection_behind_that_has_stopped_moving_means_the_daemon_stalled()
    {
        var health = MessagingHealthCheck.Judge(Figures(projections: [new ProjectionFigures("Figures:All", 3, Now.AddMinutes(-2))]), Thresholds, Now);

        health.Status.ShouldBe(HealthStatus.Unhealthy);
        health.Description.ShouldBe("The async daemon has stalled: Figures:All has not moved for 120 s, 3 events behind.");
    }

    [Fact]
    public void a_projection_that_caught_up_is_healthy_however_long_ago_it_last_moved()
    {
        var health = MessagingHealthCheck.Judge(Figures(projections: [new ProjectionFigures("Figures:All", 0, Now.AddHours(-5))]), Thresholds, Now);

        health.Status.ShouldBe(HealthStatus.Healthy);
    }
}
