using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Events.Activities.Reports;

/// <summary>One seat that went to someone from the waitlist, and where they stood in it at that moment.</summary>
/// <param name="QueuePosition">1 when the seat went to the first waiting, as the rule requires.</param>
public record SeatHandout(Guid RegistrationId, DateTimeOffset OfferedAt, int QueuePosition, int WaitingThen);

/// <summary>
/// Proof from the activity's history that seats went out in waitlist order: every event replayed, every offer checked
/// against the queue as it stood, every direct seat checked against an empty queue, capacity checked after each event.
/// </summary>
public record WaitlistFairnessReport(
    Guid ActivityId, bool Fair, int EventsReplayed, IReadOnlyList<SeatHandout> Handouts, IReadOnlyList<string> Violations, int MostSeatsInUse, int Capacity)
{
    public static WaitlistFairnessReport Example { get; } = new(
        Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), true, 57,
        [new SeatHandout(Guid.Parse("0196f0c4-7777-7000-8000-000000000011"), new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(8)), 1, 4)],
        [], 40, 40);

    /// <summary>Replays the activity's events in order.</summary>
    public static WaitlistFairnessReport From(Guid activityId, IReadOnlyList<object> history)
    {
        var queue = new List<Guid>();
        var seats = new HashSet<Guid>();
        var handouts = new List<SeatHandout>();
        var violations = new List<string>();
        var capacity = 0;
        var mostSeats = 0;

        foreach (var happened in history)
        {
            switch (happened)
            {
                case ActivityScheduled scheduled:
                    capacity = scheduled.Plan.Capacity;
                    break;
                case Waitlisted waitlisted:
                    queue.Add(waitlisted.RegistrationId);
                    break;
                case SeatAssigned assigned when !seats.Contains(assigned.RegistrationId):
                    if (queue.Count > 0)
                    {
                        violations.Add($"{assigned.RegistrationId} took a seat directly at {assigned.AssignedAt:O} while {queue.Count} waited.");
                    }

                    seats.Add(assigned.RegistrationId);
                    break;
                case SeatOffered offered:
                    var position = queue.IndexOf(offered.RegistrationId) + 1;
                    handouts.Add(new SeatHandout(offered.RegistrationId, offered.OfferedAt, position, queue.Count));
                    if (position != 1)
                    {
                        violations.Add(position == 0
                            ? $"{offered.RegistrationId} was offered a seat at {offered.OfferedAt:O} without waiting."
                            : $"{offered.RegistrationId} was offered a seat at {offered.OfferedAt:O} from place {position} of the waitlist.");
                    }

                    queue.Remove(offered.RegistrationId);
                    seats.Add(offered.RegistrationId);
                    break;
                case RegistrationCancelled cancelled:
                    queue.Remove(cancelled.RegistrationId);
                    seats.Remove(cancelled.RegistrationId);
                    break;
                case SeatOfferLapsed lapsed:
                    seats.Remove(lapsed.RegistrationId);
                    break;
            }

            mostSeats = Math.Max(mostSeats, seats.Count);
            if (seats.Count > capacity)
            {
                violations.Add($"{seats.Count} seats were in use for a capacity of {capacity}.");
            }
        }

        return new WaitlistFairnessReport(activityId, violations.Count == 0, history.Count, handouts, violations, mostSeats, capacity);
    }
}

public static class WaitlistFairnessEndpoint
{
    [WolverineGet("/api/activities/{id}/waitlist-fairness", Name = "GetWaitlistFairness")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [Tags("Reports")]
    [EndpointSummary("Proof from the history that the activity's seats went out in waitlist order")]
    public static async Task<WaitlistFairnessReport?> Get(Guid id, IQuerySession session, CancellationToken cancellation)
    {
        var history = await session.Events.FetchStreamAsync(id, token: cancellation);
        return history.Count == 0 || history[0].Data is not ActivityScheduled
            ? null
            : WaitlistFairnessReport.From(id, history.Select(e => e.Data).ToList());
    }
}
