using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Checklists;

public static class PublishChecklistEndpoint
{
    public static ProblemDetails Validate(PermitChecklistTerms command) => PermitChecklistTerms.Validator.Instance.Check(command);

    public static async Task<ProblemDetails> Before(PermitChecklistTerms command, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<PermitChecklist>(PermitChecklist.IdOf(command.Version), cancellation) is null
            ? WolverineContinue.NoProblems
            : new Refusal("a-checklist-version-is-published-once", $"Version {command.Version} is already published; publish a new version instead.",
                $"清单版本 {command.Version} 已发布；请改为发布新版本。").ToProblem();

    /// <summary>A new version never changes the cases already opened; they keep the checklist they were opened under.</summary>
    [WolverinePost("/api/permit-checklists", Name = "PublishPermitChecklist")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Publish a new version of the documents each permit asks for")]
    public static (NewResource<string>, IStartStream) Post(PermitChecklistTerms command, TimeProvider clock)
    {
        var id = PermitChecklist.IdOf(command.Version);
        return (new NewResource<string>(command.Version, $"/api/permit-checklists/{command.Version}"),
            MartenOps.StartStream<PermitChecklist>(id, new PermitChecklistPublished(id, command, clock.GetUtcNow())));
    }
}

public static class GetChecklistsEndpoint
{
    /// <summary>Every published version, the newest in force first.</summary>
    [WolverineGet("/api/permit-checklists", Name = "ListPermitChecklists")]
    [AllowPermitReaders]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("The published versions of the permit checklists")]
    public static async Task<IReadOnlyList<PermitChecklistTerms>> List(IQuerySession session, CancellationToken cancellation) =>
        (await session.Query<PermitChecklist>().ToListAsync(cancellation))
            .Select(checklist => checklist.Terms).OrderByDescending(terms => terms.EffectiveFrom).ToList();

    [WolverineGet("/api/permit-checklists/{version}", Name = "GetPermitChecklist")]
    [AllowPermitReaders]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("One version of the permit checklists")]
    public static async Task<PermitChecklistTerms?> Get(string version, IQuerySession session, CancellationToken cancellation) =>
        (await session.LoadAsync<PermitChecklist>(PermitChecklist.IdOf(version), cancellation))?.Terms;
}
