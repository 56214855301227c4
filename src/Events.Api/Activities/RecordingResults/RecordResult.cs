using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;
using Published = StudentBase.Contracts;

namespace Events.Activities.RecordingResults;

/// <summary>A competition result for one participant, and the award it earned, if any.</summary>
/// <param name="Award">e.g. "First prize"; published as an award granted.</param>
public record RecordResult(Guid RegistrationId, int Rank, string? Award)
{
    public static RecordResult Example { get; } = new(Guid.Parse("0196f0c4-7777-7000-8000-000000000001"), 1, "First prize");

    public sealed class Validator : AbstractValidator<RecordResult>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.RegistrationId).NotEmpty();
            RuleFor(x => x.Rank).InclusiveBetween(1, 10_000);
            RuleFor(x => x.Award).NotEmpty().MaximumLength(200).When(x => x.Award is not null);
        }
    }

    public static Decision Decide(Activity activity, RecordResult result, DateTimeOffset now)
    {
        if (activity.Plan.Type != ActivityType.SkillsCompetition)
        {
            return new Refusal("results-only-for-competitions", "Only a skills competition records results and awards.", "仅技能竞赛可记录成绩和奖项。");
        }

        if (activity.Find(result.RegistrationId) is not { } registration)
        {
            return new Refusal("no-such-registration", "The activity has no registration with this id.", "该活动没有与此 ID 相符的报名。");
        }

        if (registration.SessionsAttended.Count == 0)
        {
            return new Refusal("results-need-attendance", "The participant was not checked in.", "该参与者未签到。");
        }

        if (registration.Rank is not null)
        {
            return registration.Rank == result.Rank && registration.Award == result.Award
                ? Decision.Nothing
                : new Refusal("one-result-per-participant", "A result is already recorded for this participant.", "该参与者的成绩已记录。");
        }

        var recorded = Decision.Of(new ResultRecorded(activity.Id, registration.Id, result.Rank, result.Award, now));
        return result.Award is { } award
            ? recorded.Publishing(new Published.AwardGranted(activity.Id, registration.StudentId, activity.Plan.Title, result.Rank, award, now))
            : recorded;
    }
}

public static class RecordResultEndpoint
{
    public static ProblemDetails Validate(RecordResult command) => RecordResult.Validator.Instance.Check(command);

    [WolverinePost("/api/activities/{id}/results", Name = "RecordResult")]
    [Allow(PartnerRole.BaseAdministrator)]
    [Tags("Check-in")]
    [EndpointSummary("Record a competition result and award")]
    public static (IResult, Wolverine.Marten.Events) Post(
        RecordResult command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        RecordResult.Decide(activity, command with { Award = command.Award?.Trim() }, clock.GetUtcNow()).Respond(request, response, activity.Version);
}
