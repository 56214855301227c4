using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;

namespace Subsidies.Applications.Listing;

public record ApplicationSummary(Guid Id, Guid ApplicantId, string CompanyName, ApplicationState State, decimal RequestedAmount, decimal? GrantedAmount, int Version)
{
    public static ApplicationSummary Example { get; } = new(
        Guid.Parse("0196f0c4-8888-7000-8000-000000000001"), Guid.Parse("0196f0c4-0000-7000-8000-00000000c001"), "Xiamen Storyline Media Technology Co., Ltd.",
        ApplicationState.Approved, 500_000m, 500_000m, 6);
}

public static class ListApplicationsEndpoint
{
    public static ProblemDetails Validate(int? limit, string? cursor) => Paging.Check(limit, cursor);

    /// <summary>Applications in the order they were drafted, by state; an applicant lists their own only.</summary>
    [WolverineGet("/api/subsidy-applications", Name = "ListSubsidyApplications")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Applicant, PartnerRole.SubsidyReviewer, PartnerRole.Finance, PartnerRole.Analyst)]
    [Tags("Subsidy applications")]
    [EndpointSummary("List applications a page at a time")]
    public static async Task<Page<ApplicationSummary>> Get(
        ApplicationState? state, string? cursor, int? limit, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        IQueryable<SubsidyApplication> applications = session.Query<SubsidyApplication>();
        if (partner.Role == PartnerRole.Applicant)
        {
            var self = partner.ScopeId ?? Guid.Empty;
            applications = applications.Where(application => application.ApplicantId == self);
        }

        if (state is { } wanted)
        {
            applications = applications.Where(application => application.State == wanted);
        }

        var page = await applications.ReadPageAsync(application => application.Id, cursor, limit, cancellation);
        return new Page<ApplicationSummary>(
            page.Items.Select(application => new ApplicationSummary(application.Id, application.ApplicantId, application.Facts.CompanyName, application.State,
                application.Facts.RequestedAmount, application.GrantedAmount, application.Version)).ToList(),
            page.NextCursor);
    }
}
