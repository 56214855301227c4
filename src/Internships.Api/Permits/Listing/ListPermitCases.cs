using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Internships.Permits.Listing;

/// <summary>A permit case in a list.</summary>
public record PermitCaseSummary(Guid Id, Guid PersonId, PermitType Type, PermitCaseState State, DateOnly? ValidUntil, DateTimeOffset OpenedAt, int Version)
{
    public static PermitCaseSummary Example { get; } = new(Guid.Parse("0196f0c4-5555-7000-8000-000000000001"),
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), PermitType.ResidenceForInternship, PermitCaseState.Approved, new DateOnly(2027, 6, 30),
        new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)), 7);
}

public static class ListPermitCasesEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>
    /// Cases in the order they were opened, a page at a time, narrowed by person, type or state. The base lists every case, a
    /// university its students', a company those of the people it hosts, a person their own, and an authority the cases
    /// forwarded to it.
    /// </summary>
    [WolverineGet("/api/permit-cases", Name = "ListPermitCases")]
    [AllowPermitReaders]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("List permit cases a page at a time (pass nextCursor back as cursor)")]
    public static async Task<Page<PermitCaseSummary>> Get(
        Guid? personId, PermitType? type, PermitCaseState? state, string? cursor, int? limit, ClaimsPrincipal user, IQuerySession session,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        IQueryable<PermitCase> cases = session.Query<PermitCase>();
        var scope = partner.ScopeId ?? Guid.Empty;
        cases = partner.Role switch
        {
            PartnerRole.University => cases.Where(permitCase => permitCase.UniversityId == scope),
            PartnerRole.Company => cases.Where(permitCase => permitCase.HostBranchStationId == scope),
            PartnerRole.Applicant => cases.Where(permitCase => permitCase.PersonId == scope),
            PartnerRole.ExitEntryOfficer => ForwardedOrDecided(cases).Where(permitCase => permitCase.Type != PermitType.WorkPermitForGraduate),
            PartnerRole.WorkPermitOfficer => ForwardedOrDecided(cases).Where(permitCase => permitCase.Type == PermitType.WorkPermitForGraduate),
            _ => cases,
        };
        if (personId is { } person)
        {
            cases = cases.Where(permitCase => permitCase.PersonId == person);
        }

        if (type is { } permitType)
        {
            cases = cases.Where(permitCase => permitCase.Type == permitType);
        }

        if (state is { } caseState)
        {
            cases = cases.Where(permitCase => permitCase.State == caseState);
        }

        var page = await cases.ReadPageAsync(permitCase => permitCase.Id, cursor, limit, cancellation);
        return new Page<PermitCaseSummary>(
            [.. page.Items.Select(permitCase => new PermitCaseSummary(permitCase.Id, permitCase.PersonId, permitCase.Type, permitCase.State,
                permitCase.ValidUntil, permitCase.OpenedAt, permitCase.Version))],
            page.NextCursor);
    }

    private static IQueryable<PermitCase> ForwardedOrDecided(IQueryable<PermitCase> cases) => cases.Where(permitCase =>
        permitCase.State == PermitCaseState.Forwarded || permitCase.State == PermitCaseState.Approved || permitCase.State == PermitCaseState.Refused);
}
