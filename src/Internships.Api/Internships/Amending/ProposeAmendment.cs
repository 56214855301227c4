using System.Security.Claims;
using FluentValidation;
using Internships.BranchStations;
using Internships.Internships.SigningAgreement;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Internships.Amending;

/// <summary>
/// One party proposes changes to the signed agreement (and so signs them); they take effect when the other two have
/// signed too. The original terms stay in the history.
/// </summary>
public record ProposeAmendment(AgreementParty Party, AgreementChanges Changes, string Reason)
{
    public static ProposeAmendment Example { get; } = new(
        AgreementParty.Company, new AgreementChanges(null, new DateOnly(2024, 10, 31), null, "Li Na, producer"),
        "The production was extended by a month.");

    public sealed class Validator : AbstractValidator<ProposeAmendment>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Party).IsInEnum();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
            RuleFor(x => x.Changes).NotNull();
            RuleFor(x => x.Changes.HoursPerWeek).InclusiveBetween(1, 168).When(x => x.Changes?.HoursPerWeek is not null);
            RuleFor(x => x.Changes.Supervisor).NotEmpty().MaximumLength(200).When(x => x.Changes?.Supervisor is not null);
            RuleFor(x => x.Changes).Must(changes => changes.StartDate is not null || changes.EndDate is not null
                                                    || changes.HoursPerWeek is not null || changes.Supervisor is not null)
                .When(x => x.Changes is not null).WithMessage("Name at least one term to change.", "请至少指定一项需要变更的条款。");
        }
    }

    public static Decision Decide(
        Internship internship, ProposeAmendment proposal, Guid amendmentId, BranchStationStanding hostStanding, InternshipRules rules, DateTimeOffset now)
    {
        if (!internship.IsActive || internship.Terms is not { } terms)
        {
            return new Refusal("amendments-need-a-signed-agreement",
                $"The internship is {internship.State}; there is no signed agreement to amend.",
                $"该实习当前状态为 {internship.State}；没有可供变更的已签署实习协议。");
        }

        if (internship.PendingAmendment is not null)
        {
            return new Refusal("one-amendment-at-a-time", "Another amendment is waiting for signatures.", "另一项变更正在等待签署。");
        }

        if (proposal.Party == AgreementParty.Company && hostStanding != BranchStationStanding.Active)
        {
            return SignAgreement.HostMayNotSign;
        }

        var amended = proposal.Changes.AppliedTo(terms);
        if (amended == terms)
        {
            return new Refusal("an-amendment-changes-the-terms", "The changes leave every term as it is.", "所提变更未改动任何条款。");
        }

        if (amended.EndDate <= amended.StartDate)
        {
            return new Refusal("an-amendment-keeps-the-period-in-order",
                "The amended end date must come after the amended start date.",
                "变更后的结束日期必须晚于变更后的开始日期。");
        }

        if (amended.HoursPerWeek > rules.MaximumHoursPerWeek)
        {
            return DraftingAgreement.DraftAgreement.HoursLimit(rules);
        }

        return Decision.Of(new AmendmentProposed(internship.Id, amendmentId, proposal.Changes, proposal.Reason, proposal.Party, now));
    }
}

public static class ProposeAmendmentEndpoint
{
    public static ProblemDetails Validate(ProposeAmendment command) => ProposeAmendment.Validator.Instance.Check(command);

    /// <summary>Answers 201 with the amendment's id; the other two parties sign it at <c>amendments/{amendmentId}/signatures</c>.</summary>
    [WolverinePost("/api/internships/{id}/amendments", Name = "ProposeAmendment")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Company, PartnerRole.University, PartnerRole.Applicant)]
    [ProducesResponseType<NewResource<Guid>>(StatusCodes.Status201Created)]
    [EndpointSummary("Propose an amendment to the signed agreement (dates, hours, supervisor)")]
    public static async Task<(IResult, Events)> Post(
        ProposeAmendment command,
        [WriteAggregate] Internship internship,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IQuerySession session,
        IOptions<InternshipRules> rules,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var partner = user.Partner();
        if (!partner.MaySee(internship))
        {
            return (Results.NotFound(), []);
        }

        if (!partner.ActsFor(internship, command.Party))
        {
            return (Results.Problem(Problems.Create(Problems.Forbidden, $"Only the {command.Party} proposes for itself.",
                $"只有 {command.Party} 本方才能以自身名义提出变更。")), []);
        }

        var station = await session.LoadAsync<BranchStation>(internship.BranchStationId, cancellation);
        var amendmentId = Guid.CreateVersion7();
        var proposal = command with { Reason = command.Reason.Trim(), Changes = command.Changes with { Supervisor = command.Changes.Supervisor?.Trim() } };
        var (result, events) = ProposeAmendment.Decide(internship, proposal, amendmentId, station!.Standing, rules.Value, clock.GetUtcNow())
            .Respond(request, response, internship.Version);
        if (events.Count == 0)
        {
            return (result, events);
        }

        var location = $"/api/internships/{internship.Id}/amendments/{amendmentId}";
        return (Results.Created(location, new NewResource<Guid>(amendmentId, location)), events);
    }
}
