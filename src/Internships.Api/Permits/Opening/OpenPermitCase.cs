using System.Security.Claims;
using FluentValidation;
using Internships.Internships;
using Internships.Permits.Checklists;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Opening;

/// <summary>Open a permit case for a person: a student, a graduate or a founder, by their student id.</summary>
public record OpenPermitCase(Guid PersonId, PermitType Type)
{
    public static OpenPermitCase Example { get; } = new(Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), PermitType.ResidenceForInternship);

    public sealed class Validator : AbstractValidator<OpenPermitCase>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.PersonId).NotEmpty();
            RuleFor(x => x.Type).IsInEnum();
        }
    }

    /// <summary>What opening depends on, read before deciding.</summary>
    /// <param name="HostBranchStationIds">
    /// The branch stations that host or hosted the person (an internship their university consented to, through completion).
    /// </param>
    /// <param name="CurrentHost">The branch station of the internship the person is in or about to start, if any.</param>
    public sealed record Facts(
        Student? Person, IReadOnlyList<Guid> HostBranchStationIds, Guid? CurrentHost, PermitChecklistTerms? Checklist, bool AlreadyOpen);

    public static Refusal? Decide(Facts facts) => facts switch
    {
        { Person: null } => new Refusal("a-case-needs-a-registered-person", "No such student, graduate or founder.", "不存在该学生、毕业生或创业者。"),
        { Person.Erasure: not null } => new Refusal("an-erased-person-has-no-cases",
            "The person's personal data was erased; nothing more is kept about them.", "该人员的个人数据已删除；不再保存其任何信息。"),
        { Checklist: null } => new Refusal("a-case-needs-a-checklist-in-force",
            "No permit checklist is in force yet; the base publishes one first.", "尚无生效的许可材料清单；须由基地先行发布。"),
        { AlreadyOpen: true } => new Refusal("one-open-case-per-person-and-permit",
            "The person already has an open case for this permit.", "该人员已有一件该类许可的在办案件。"),
        _ => null,
    };
}

public static class OpenPermitCaseEndpoint
{
    public static ProblemDetails Validate(OpenPermitCase command) => OpenPermitCase.Validator.Instance.Check(command);

    public static async Task<OpenPermitCase.Facts> LoadAsync(OpenPermitCase command, IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var person = await session.LoadAsync<Student>(command.PersonId, cancellation);
        // An intention a company records binds nobody: only an internship the university consented to makes the company a host.
        var hosting = (await session.Query<Internship>().Where(internship => internship.StudentId == command.PersonId).ToListAsync(cancellation))
            .Where(internship => internship.State is InternshipState.Consented or InternshipState.Agreed or InternshipState.Endorsed
                or InternshipState.Started or InternshipState.Completed)
            .OrderByDescending(internship => internship.IntendedAt)
            .ToList();
        var current = hosting.FirstOrDefault(internship => internship.State != InternshipState.Completed)?.BranchStationId;
        var checklist = PermitChecklist.InForce(await session.Query<PermitChecklist>().ToListAsync(cancellation), CityTime.DateOf(clock.GetUtcNow()));
        var alreadyOpen = await session.Query<PermitCase>().AnyAsync(
            permitCase => permitCase.PersonId == command.PersonId && permitCase.Type == command.Type
                && permitCase.State != PermitCaseState.Approved && permitCase.State != PermitCaseState.Refused,
            cancellation);
        return new OpenPermitCase.Facts(person, [.. hosting.Select(internship => internship.BranchStationId).Distinct()], current, checklist, alreadyOpen);
    }

    /// <summary>A university opens cases for its own students, a company for the people it hosts, a person for themselves.</summary>
    public static ProblemDetails Before(OpenPermitCase command, OpenPermitCase.Facts facts, ClaimsPrincipal user)
    {
        var partner = user.Partner();
        var mayOpen = partner.Role switch
        {
            PartnerRole.University => facts.Person is null || partner.ScopeId == facts.Person.UniversityId,
            PartnerRole.Company => facts.Person is null || partner.ScopeId is { } station && facts.HostBranchStationIds.Contains(station),
            PartnerRole.Applicant => partner.ScopeId == command.PersonId,
            _ => true,
        };
        if (!mayOpen)
        {
            return Problems.Create(Problems.Forbidden, "A partner opens cases only for its own students, the people it hosts, or itself.",
                "合作方只能为本校学生、本企业接收的人员或本人办理许可案件。");
        }

        return OpenPermitCase.Decide(facts)?.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>The case starts as a draft under the checklist in force today; documents are uploaded to it, then it is submitted.</summary>
    [WolverinePost("/api/permit-cases", Name = "OpenPermitCase")]
    [AllowPermitParties]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Open a permit case (residence for an internship, work permit, residence for work or entrepreneurship) for a person")]
    public static (NewResource<Guid>, IStartStream) Post(OpenPermitCase command, OpenPermitCase.Facts facts, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var partner = user.Partner();
        var checklist = facts.Checklist!;
        var host = partner.Role == PartnerRole.Company ? partner.ScopeId : facts.CurrentHost;
        var opened = new PermitCaseOpened(id, command.PersonId, facts.Person!.UniversityId, host, command.Type, checklist.Version,
            checklist.For(command.Type), partner.PartnerId, partner.Role, clock.GetUtcNow());
        return (new NewResource<Guid>(id, $"/api/permit-cases/{id}"), MartenOps.StartStream<PermitCase>(id, opened));
    }
}
