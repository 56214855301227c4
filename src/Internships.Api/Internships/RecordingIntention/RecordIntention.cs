using System.Security.Claims;
using FluentValidation;
using Internships.BranchStations;
using Internships.Internships.Deadlines;
using Internships.Placements;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.RecordingIntention;

/// <summary>A student and a placement are matched (实习意向): non-binding until the university consents and all three sign.</summary>
public record RecordIntention(Guid StudentId, Guid PlacementId)
{
    public static RecordIntention Example { get; } = new(
        Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), Guid.Parse("0196f0c4-3333-7000-8000-000000000001"));

    public sealed class Validator : AbstractValidator<RecordIntention>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.StudentId).NotEmpty();
            RuleFor(x => x.PlacementId).NotEmpty();
        }
    }

    /// <summary>What the intention depends on, read before deciding.</summary>
    public sealed record Facts(Student? Student, Placement? Placement, BranchStation? Station, bool AlreadyIntended);

    public static Refusal? Decide(Facts facts) => facts switch
    {
        { Student: null } => new Refusal("intention-needs-a-registered-student", "No such student.", "不存在该学生。"),
        { Placement: null } or { Placement.State: not PlacementState.Open } =>
            new Refusal("placement-must-be-open",
                $"The placement is {facts.Placement?.State.ToString() ?? "unknown"}, not open.",
                $"该实习岗位当前状态为 {facts.Placement?.State.ToString() ?? "unknown"}，未开放。"),
        { Station.Standing: not BranchStationStanding.Active } or { Station: null } =>
            new Refusal("only-an-active-branch-station-takes-interns", "The placement's branch station is not active.", "该实习岗位所属的分站未处于有效状态。"),
        { AlreadyIntended: true } =>
            new Refusal("one-intention-per-student-and-placement",
                "The student already has an intention for this placement.",
                "该学生已登记过对此实习岗位的实习意向。"),
        _ => null,
    };
}

public static class RecordIntentionEndpoint
{
    public static ProblemDetails Validate(RecordIntention command) => RecordIntention.Validator.Instance.Check(command);

    public static async Task<RecordIntention.Facts> LoadAsync(RecordIntention command, IQuerySession session, CancellationToken cancellation)
    {
        var student = await session.LoadAsync<Student>(command.StudentId, cancellation);
        var placement = await session.LoadAsync<Placement>(command.PlacementId, cancellation);
        var station = placement is null ? null : await session.LoadAsync<BranchStation>(placement.BranchStationId, cancellation);
        var alreadyIntended = await session.Query<Internship>().AnyAsync(
            internship => internship.StudentId == command.StudentId && internship.PlacementId == command.PlacementId
                && (internship.State == InternshipState.AwaitingConsent || internship.State == InternshipState.Consented),
            cancellation);
        return new RecordIntention.Facts(student, placement, station, alreadyIntended);
    }

    /// <summary>A university records intentions for its own students, a company for its own placements, a student for themselves.</summary>
    public static ProblemDetails Before(RecordIntention.Facts facts, ClaimsPrincipal user)
    {
        var partner = user.Partner();
        var mayRecord = partner.Role switch
        {
            PartnerRole.University => facts.Student is null || partner.ScopeId == facts.Student.UniversityId,
            PartnerRole.Company => facts.Placement is null || partner.ScopeId == facts.Placement.BranchStationId,
            PartnerRole.Applicant => facts.Student is null || partner.ScopeId == facts.Student.Id,
            _ => true,
        };
        if (!mayRecord)
        {
            return Problems.Create(Problems.Forbidden, "A partner records intentions only for its own students or placements.",
                "合作方只能为本方的学生或实习岗位登记实习意向。");
        }

        return RecordIntention.Decide(facts)?.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>The student's university then has the configured period to consent or refuse, or the intention lapses.</summary>
    [WolverinePost("/api/internships", Name = "RecordIntention")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant)]
    [EndpointSummary("Record an internship intention: a student matched to a placement")]
    public static (NewResource<Guid>, IStartStream, OutgoingMessages) Post(
        RecordIntention command, RecordIntention.Facts facts, IOptions<InternshipRules> rules, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var student = facts.Student!;
        var intended = new InternshipIntended(id, student.Id, student.UniversityId, student.Nationality, command.PlacementId,
            facts.Placement!.BranchStationId, now + rules.Value.IntentionDecisionPeriod, now);

        var deadlines = new OutgoingMessages();
        deadlines.Schedule(new IntentionDecisionDue(id), intended.DecisionDue);
        return (new NewResource<Guid>(id, $"/api/internships/{id}"), MartenOps.StartStream<Internship>(id, intended), deadlines);
    }
}
