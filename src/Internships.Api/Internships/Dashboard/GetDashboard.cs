using Internships.BranchStations;
using StudentBase.Contracts;
using Internships.Placements;
using Internships.Universities;
using Marten;
using StudentBase.ServiceDefaults.Partners;
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
    private sealed record Row(Guid UniversityId, string Nationality, InternshipState State, DateTimeOffset? AgreementSignedAt);

    [WolverineGet("/api/internships/dashboard", Name = "GetInternshipDashboard")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [Tags("Internships")]
    [EndpointSummary("The base's dashboard: intentions, agreements, states, universities, nationalities, open placements")]
    public static async Task<InternshipDashboard> Get(IQuerySession session, CancellationToken cancellation)
    {
        var rows = await session.Query<Internship>()
            .Select(internship => new Row(internship.UniversityId, internship.Nationality, internship.State, internship.AgreementSignedAt))
            .ToListAsync(cancellation);
        var universities = (await session.Query<University>().ToListAsync(cancellation)).ToDictionary(university => university.Id, university => university.Name);
        var placements = await session.Query<Placement>().Where(placement => placement.State == PlacementState.Open).ToListAsync(cancellation);
        var activeStations = await session.Query<BranchStation>().CountAsync(station => station.Standing == BranchStationStanding.Active, cancellation);

        return new InternshipDashboard(
            Count(rows),
            Enum.GetValues<InternshipState>().ToDictionary(state => state, state => rows.Count(row => row.State == state)),
            rows.GroupBy(row => row.UniversityId)
                .Select(group => new UniversityTally(group.Key, universities.GetValueOrDefault(group.Key, ""), Count(group)))
                .OrderByDescending(tally => tally.Tally.Intentions).ToList(),
            rows.GroupBy(row => row.Nationality)
                .Select(group => new NationalityTally(group.Key, Count(group)))
                .OrderByDescending(tally => tally.Tally.Intentions).ThenBy(tally => tally.Nationality, StringComparer.Ordinal).ToList(),
            activeStations,
            placements.Count,
            placements.Sum(placement => placement.SlotsLeft));
    }

    private static Tally Count(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        return new Tally(
            list.Count,
            list.Count(row => row.AgreementSignedAt is not null),
            list.Count(row => row.State is InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started),
            list.Count(row => row.State == InternshipState.Completed));
    }
}
