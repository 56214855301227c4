using Events.Students;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Reports;

/// <param name="Name">Null once the student's personal data has been erased.</param>
/// <param name="WaitlistPosition">1 for the first waiting; null when not waitlisted.</param>
public record RosterEntry(
    Guid RegistrationId,
    Guid StudentId,
    [PersonalData] string? Name,
    string Code,
    RegistrationState State,
    int? WaitlistPosition,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<int> SessionsAttended,
    bool NoShow,
    bool Completed,
    int? Rank,
    string? Award)
{
    public static RosterEntry Example { get; } = new(
        Guid.Parse("0196f0c4-7777-7000-8000-000000000001"), Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), "Daniel Smith", "K7M2Q9TX",
        RegistrationState.Seated, null, new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)), [1, 2], false, true, null, null);
}

public static class RosterEndpoint
{
    /// <summary>
    /// Every registration in arrival order with the participant's name, for staff at the door: <c>name</c> narrows it to
    /// names containing the text (check-in by searching a name), <c>state</c> to one state (e.g. the waitlist, in order).
    /// </summary>
    [WolverineGet("/api/activities/{id}/roster", Name = "GetRoster")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Reports")]
    [EndpointSummary("An activity's roster: registrations, waitlist order and attendance, searchable by name")]
    public static async Task<IReadOnlyList<RosterEntry>> Get(
        [ReadAggregate] Activity activity, string? name, RegistrationState? state, IQuerySession session, CancellationToken cancellation)
    {
        var studentIds = activity.Registrations.Select(registration => registration.StudentId).Distinct().ToList();
        var keys = await session.KeysForAsync(studentIds, cancellation);
        var names = (await session.LoadManyAsync<Student>(cancellation, studentIds))
            .ToDictionary(student => student.Id, student => keys.GetValueOrDefault(student.Id)?.Reveal(student.EncryptedFullName));
        var positions = activity.Waitlist.Select((registration, index) => (registration.Id, Position: index + 1))
            .ToDictionary(entry => entry.Id, entry => entry.Position);

        return activity.Registrations
            .Select(registration => new RosterEntry(registration.Id, registration.StudentId, names.GetValueOrDefault(registration.StudentId),
                registration.Code, registration.State, positions.TryGetValue(registration.Id, out var position) ? position : null, registration.ReceivedAt,
                registration.SessionsAttended.Order().ToList(), registration.NoShow, registration.Completed, registration.Rank, registration.Award))
            .Where(entry => name is null || entry.Name?.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase) == true)
            .Where(entry => state is null || entry.State == state)
            .OrderBy(entry => entry.WaitlistPosition ?? 0)
            .ToList();
    }
}
