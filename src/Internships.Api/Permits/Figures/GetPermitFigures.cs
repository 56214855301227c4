using System.Globalization;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Permits.Figures;

/// <summary>How many cases of a type, opened in a month of the city's calendar (<c>yyyy-MM</c>), are in a state now.</summary>
public record PermitCaseCount(string Month, PermitType Type, PermitCaseState State, int Cases);

/// <summary>The permit cases counted, without anything about the people they are for.</summary>
public record PermitFigures(IReadOnlyList<PermitCaseCount> Counts)
{
    public static PermitFigures Example { get; } = new(
    [
        new PermitCaseCount("2026-06", PermitType.ResidenceForInternship, PermitCaseState.Approved, 14),
        new PermitCaseCount("2026-06", PermitType.WorkPermitForGraduate, PermitCaseState.Forwarded, 3),
    ]);
}

public static class GetPermitFiguresEndpoint
{
    [WolverineGet("/api/permit-figures", Name = "GetPermitFigures")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Analyst)]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Permit cases counted by month opened, type and state, for reports")]
    public static async Task<PermitFigures> Get(IQuerySession session, CancellationToken cancellation)
    {
        var cases = await session.Query<PermitCase>()
            .Select(permitCase => new { permitCase.Type, permitCase.State, permitCase.OpenedAt })
            .ToListAsync(cancellation);
        return new PermitFigures(
        [
            .. cases
                .GroupBy(permitCase => (Month: CityTime.DateOf(permitCase.OpenedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture), permitCase.Type, permitCase.State))
                .OrderBy(group => group.Key.Month).ThenBy(group => group.Key.Type).ThenBy(group => group.Key.State)
                .Select(group => new PermitCaseCount(group.Key.Month, group.Key.Type, group.Key.State, group.Count())),
        ]);
    }
}
