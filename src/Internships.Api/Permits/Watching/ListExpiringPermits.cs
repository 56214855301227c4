using System.Security.Claims;
using Internships.Students;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Permits.Watching;

/// <summary>A person whose residence permit is expiring or expired while they still need it.</summary>
/// <param name="NeededUntil">The end of the internship that needs it; absent when a subsidy application in progress needs it.</param>
/// <param name="InternshipId">The internship they are in or about to start, when that is what needs the permit.</param>
/// <param name="SubsidyApplicationId">Their subsidy application in progress, when that is what needs the permit.</param>
/// <param name="Expired">True once the permit lapsed; false while it is expiring.</param>
public record ExpiringPermit(
    Guid PersonId, Guid UniversityId, DateOnly ValidUntil, DateOnly? NeededUntil, Guid? InternshipId, Guid? SubsidyApplicationId, bool Expired,
    DateTimeOffset RecordedAt)
{
    public static ExpiringPermit Example { get; } = new(Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), new DateOnly(2026, 8, 15), new DateOnly(2026, 9, 30),
        Guid.Parse("0196f0c4-2222-7000-8000-000000000001"), null, false, new DateTimeOffset(2026, 6, 17, 2, 0, 0, TimeSpan.FromHours(8)));
}

public static class ListExpiringPermitsEndpoint
{
    /// <summary>
    /// Everyone the watch found with a permit expiring or expired while they need it (an internship, a subsidy application in
    /// progress), until a new permit is recorded for them; the base and the exit-entry administration see all, a university its own students.
    /// </summary>
    [WolverineGet("/api/permit-watch/expiring", Name = "ListExpiringPermits")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.ExitEntryOfficer)]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("People whose residence permit ends while an internship or a subsidy application of theirs still needs it")]
    public static async Task<IReadOnlyList<ExpiringPermit>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        var watches = await session.Query<ResidencePermitWatch>().ToListAsync(cancellation);
        var people = (await session.LoadManyAsync<Student>(cancellation, watches.Select(watch => watch.PersonId))).ToDictionary(person => person.Id);
        return
        [
            .. watches
                .Where(watch => people.GetValueOrDefault(watch.PersonId) is { Erasure: null } person && person.ResidencePermitExpiry == watch.ValidUntil
                                && (partner.Role != PartnerRole.University || person.UniversityId == partner.ScopeId))
                .OrderBy(watch => watch.ValidUntil)
                .Select(watch => new ExpiringPermit(watch.PersonId, people[watch.PersonId].UniversityId, watch.ValidUntil, watch.NeededUntil,
                    watch.InternshipId, watch.SubsidyApplicationId, watch.ExpiredRecordedFor == watch.ValidUntil, watch.RecordedAt)),
        ];
    }
}
