using System.Security.Claims;
using Events.Students;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Events.Activities.Reports;

public record ParticipationEntry(
    Guid ActivityId, string Title, ActivityType Type, DateTimeOffset StartsAt, bool ActivityCancelled, RegistrationState State,
    IReadOnlyList<int> SessionsAttended, bool NoShow, bool Completed, int? Rank, string? Award)
{
    public static ParticipationEntry Example { get; } = new(
        Guid.Parse("0196f0c4-6666-7000-8000-000000000001"), "Entrepreneurship mentor training (创业导师培训)", ActivityType.MentorTraining,
        new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8)), false, RegistrationState.Seated, [1, 2], false, true, null, null);
}

public static class ParticipantHistoryEndpoint
{
    /// <summary>Every activity the student registered for, in date order, with what became of it.</summary>
    [WolverineGet("/api/participants/{studentId}/activities", Name = "GetParticipantHistory")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant, PartnerRole.Analyst)]
    [Tags("Reports")]
    [EndpointSummary("A participant's history: registrations, attendance, completions and awards")]
    public static async Task<IReadOnlyList<ParticipationEntry>?> Get(Guid studentId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (partner.Role is PartnerRole.University or PartnerRole.Applicant
            && !partner.MaySeeStudent(studentId, (await session.LoadAsync<Student>(studentId, cancellation))?.UniversityId ?? Guid.Empty))
        {
            return null;
        }

        var activities = await session.Query<Activity>()
            .Where(activity => activity.Registrations.Any(registration => registration.StudentId == studentId))
            .ToListAsync(cancellation);

        return activities
            .SelectMany(activity => activity.Registrations.Where(registration => registration.StudentId == studentId)
                .Select(registration => new ParticipationEntry(activity.Id, activity.Plan.Title, activity.Plan.Type, activity.Plan.StartsAt, activity.Cancelled,
                    registration.State, registration.SessionsAttended.Order().ToList(), registration.NoShow, registration.Completed, registration.Rank,
                    registration.Award)))
            .OrderBy(entry => entry.StartsAt)
            .ToList();
    }
}
