using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Permits.Returning;

/// <summary>The base sends a submitted case back, naming each document missing or rejected and why.</summary>
public record ReturnPermitCase(IReadOnlyList<DocumentShortfall> Shortfalls)
{
    public static ReturnPermitCase Example { get; } = new([new DocumentShortfall("passport", "The scan cuts off the machine-readable zone.")]);

    public sealed class Validator : AbstractValidator<ReturnPermitCase>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Shortfalls).Cascade(CascadeMode.Stop).NotEmpty().Must(shortfalls => shortfalls.Count <= Checklists.PermitChecklistTerms.MaxItems)
                .WithMessage("Name 1 to 30 documents.", "请列出 1 至 30 项材料。");
            RuleForEach(x => x.Shortfalls).NotNull().ChildRules(shortfall =>
            {
                shortfall.RuleFor(x => x.Item).NotEmpty().MaximumLength(40);
                shortfall.RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
            });
        }
    }

    public static Decision Decide(PermitCase permitCase, IReadOnlyList<DocumentShortfall> shortfalls, DateTimeOffset now)
    {
        if (permitCase.State != PermitCaseState.Submitted)
        {
            return new Refusal("only-a-submitted-case-is-returned", $"The case is {permitCase.State}.", $"该案件当前状态为 {permitCase.State}。");
        }

        var unknown = shortfalls.Select(shortfall => shortfall.Item).Where(item => permitCase.Checklist.All(listed => listed.Code != item)).ToList();
        return unknown.Count > 0
            ? new Refusal("a-shortfall-names-an-item-of-the-checklist",
                $"Not items of checklist {permitCase.ChecklistVersion}: {string.Join(", ", unknown)}.",
                $"以下不是清单 {permitCase.ChecklistVersion} 中的项目：{string.Join("、", unknown)}。")
            : Decision.Of(new PermitCaseReturned(permitCase.Id, shortfalls, now));
    }
}

public static class ReturnPermitCaseEndpoint
{
    public static ProblemDetails Validate(ReturnPermitCase command) => ReturnPermitCase.Validator.Instance.Check(command);

    [WolverinePost("/api/permit-cases/{id}/return", Name = "ReturnPermitCase")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags(PermitAccess.Tag)]
    [EndpointSummary("Return a submitted case for completion, naming the documents missing or rejected")]
    public static (IResult, Events) Post(
        ReturnPermitCase command, [WriteAggregate] PermitCase permitCase, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        ReturnPermitCase.Decide(permitCase, [.. command.Shortfalls.Select(shortfall => new DocumentShortfall(shortfall.Item.Trim(), shortfall.Reason.Trim()))],
            clock.GetUtcNow()).Respond(request, response, permitCase.Version);
}
