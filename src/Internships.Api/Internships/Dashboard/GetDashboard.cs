using Internships.BranchStations;
using Internships.Placements;
using Internships.Universities;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Internships.Dashboard;

/// <param name="Intentions">Intentions recorded (实习意向), whatever became of them.</param>
/// <param name="AgreementsSigned">Agreements signed by all three parties (实习协议), including internships since completed or terminated.</param>
public record Tally(int Intentions, int AgreementsSigned, int Active, int Completed);

public record UniversityTally(Guid UniversityId, string Name, Tally Tally);

/// <param name="Nationality">ISO 3166-1 alpha-2 code.</param>
public record NationalityTally(string Nationality, Tally Tally);

/// <summary>The base's figures: the ones the programme reports (intentions reached, agreements signed) and where they come from.</summary>
public record InternshipDashboard(
    Tally Total,
    IReadOnlyDictionary<InternshipState, int> ByState,
    IReadOnlyList<UniversityTally> ByUniversity,
    IReadOnlyList<NationalityTally> ByNationality,
    int ActiveBranchStations,
    int OpenPlacements,
    int OpenSlots)
{
    public static InternshipDashboard Example { get; } = new(
        new Tally(46, 30, 12, 15),
        new Dictionary<InternshipState, int> { [InternshipState.AwaitingConsent] = 4, [InternshipState.Started] = 12, [InternshipState.Completed] = 15 },
        [new UniversityTally(Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Xiamen University (厦门大学)", new Tally(30, 20, 8, 10))],
        [new NationalityTally("GB", new Tally(5, 4, 1, 3))],
        14, 9, 21);
}

public static class GetDashboardEndpoint
{
    /// <summary>How many internships share a university, a nationality, a state and whether their agreement was ever signed.</summary>
    public sealed record Group(Guid UniversityId, string Nationality, InternshipState State, bool Signed, int Count);

    [WolverineGet("/api/internships/dashboard", Name = "GetInternshipDashboard")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [EndpointSummary("The base's dashboard: intentions, agreements, states, universities, nationalities, open placements")]
    public static async Task<InternshipDashboard> Get(IQuerySession session, CancellationToken cancellation)
    {
        // Counted in PostgreSQL over the internships' read model, so the answer costs the same for ten internships or a million.
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var groups = await session.AdvancedSql.QueryAsync<Group>(
            $"""
            select json_build_object(
                'UniversityId', data ->> 'UniversityId', 'Nationality', data ->> 'Nationality', 'State', (data ->> 'State')::int,
                'Signed', data ->> 'AgreementSignedAt' is not null, 'Count', count(*))
            from {schema}.mt_doc_internship
            group by data ->> 'UniversityId', data ->> 'Nationality', (data ->> 'State')::int, data ->> 'AgreementSignedAt' is not null
            """,
            cancellation);
        var universities = (await session.Query<University>().ToListAsync(cancellation)).ToDictionary(university => university.Id, university => university.Name);
        var placements = await session.Query<Placement>().Where(placement => placement.State == PlacementState.Open).ToListAsync(cancellation);
        var activeStations = await session.Query<BranchStation>().CountAsync(station => station.Standing == BranchStationStanding.Active, cancellation);

        return new InternshipDashboard(
            Count(groups),
            Enum.GetValues<InternshipState>().ToDictionary(state => state, state => groups.Where(group => group.State == state).Sum(group => group.Count)),
            groups.GroupBy(group => group.UniversityId)
                .Select(byUniversity => new UniversityTally(byUniversity.Key, universities.GetValueOrDefault(byUniversity.Key, ""), Count(byUniversity)))
                .OrderByDescending(tally => tally.Tally.Intentions).ToList(),
            groups.GroupBy(group => group.Nationality)
                .Select(byNationality => new NationalityTally(byNationality.Key, Count(byNationality)))
                .OrderByDescending(tally => tally.Tally.Intentions).ThenBy(tally => tally.Nationality, StringComparer.Ordinal).ToList(),
            activeStations,
            placements.Count,
            placements.Sum(placement => placement.SlotsLeft));
    }

    private static Tally Count(IEnumerable<Group> groups)
    {
        var list = groups.ToList();
        return new Tally(
            list.Sum(group => group.Count),
            list.Where(group => group.Signed).Sum(group => group.Count),
            list.Where(group => group.State is InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started).Sum(group => group.Count),
            list.Where(group => group.State == InternshipState.Completed).Sum(group => group.Count));
    }
}
