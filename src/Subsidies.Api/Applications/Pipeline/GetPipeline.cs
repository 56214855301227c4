using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;
using Wolverine.Http;

namespace Subsidies.Applications.Pipeline;

/// <param name="Amount">CNY: requested for applications not yet granted, granted for the others.</param>
public record StateFigure(ApplicationState State, int Applications, decimal Amount);

/// <summary>The base's pipeline, CNY throughout: granted = paid + outstanding + lapsed + ended by termination.</summary>
public record SubsidyPipeline(
    IReadOnlyList<StateFigure> ByState, decimal Granted, decimal Paid, decimal Outstanding, decimal Lapsed, decimal EndedByTermination, decimal ClawedBack)
{
    public static SubsidyPipeline Example { get; } = new(
        [new StateFigure(ApplicationState.Eligible, 4, 1_900_000m), new StateFigure(ApplicationState.Approved, 3, 1_400_000m)],
        1_400_000m, 600_000m, 800_000m, 0m, 0m, 0m);
}

public static class GetPipelineEndpoint
{
    [WolverineGet("/api/subsidy-pipeline", Name = "GetSubsidyPipeline")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Finance, PartnerRole.Analyst)]
    [Tags("Subsidy reports")]
    [EndpointSummary("The pipeline: applications and amounts by state; granted, paid, outstanding, lapsed")]
    public static async Task<SubsidyPipeline> Get(IQuerySession session, CancellationToken cancellation)
    {
        var applications = await session.Query<SubsidyApplication>().ToListAsync(cancellation);
        var granted = applications.Where(application => application.GrantedAmount is not null).ToList();
        decimal Sum(Func<Instalment, bool> which, IEnumerable<SubsidyApplication> among) =>
            among.SelectMany(application => application.Instalments).Where(which).Sum(instalment => instalment.Amount);
        var running = granted.Where(application => application.State == ApplicationState.Approved).ToList();
        var ended = granted.Where(application => application.State is ApplicationState.Terminated or ApplicationState.Closed).ToList();

        return new SubsidyPipeline(
            applications.GroupBy(application => application.State).OrderBy(group => group.Key)
                .Select(group => new StateFigure(group.Key, group.Count(),
                    group.Sum(application => application.GrantedAmount ?? application.Facts.RequestedAmount)))
                .ToList(),
            granted.Sum(application => application.GrantedAmount!.Value),
            Sum(instalment => instalment.State == InstalmentState.Released, granted),
            Sum(instalment => instalment.State is InstalmentState.Pending or InstalmentState.MilestoneVerified, running),
            Sum(instalment => instalment.State == InstalmentState.Lapsed, granted),
            Sum(instalment => instalment.State is InstalmentState.Pending or InstalmentState.MilestoneVerified, ended),
            granted.Sum(application => application.ClawedBack));
    }
}
