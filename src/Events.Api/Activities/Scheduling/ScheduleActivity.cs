using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Scheduling;

/// <summary>The base schedules an activity. Times are instants with their offset; they are shown in the city's time zone (+08:00).</summary>
/// <param name="PartnerUniversityIds">For <c>PartnerUniversityStudents</c>: the universities whose students may register.</param>
/// <param name="Sessions">Sessions to take attendance for (default 1).</param>
/// <param name="RequiredSessions">For trainings and bootcamps: sessions needed for a completion record (default: all).</param>
public record ScheduleActivity(
    string Title,
    ActivityType Type,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    DateTimeOffset RegistrationOpensAt,
    DateTimeOffset RegistrationClosesAt,
    Audience Audience,
    IReadOnlyList<Guid>? PartnerUniversityIds,
    int? Sessions,
    int? RequiredSessions)
{
    public static ScheduleActivity Example { get; } = new(
        "Entrepreneurship mentor training (创业导师培训)", ActivityType.MentorTraining, "Software Park Phase I, Building A, Hall 2",
        new DateTimeOffset(2026, 12, 5, 9, 0, 0, CityTime.Offset), new DateTimeOffset(2026, 12, 6, 17, 0, 0, CityTime.Offset), 40,
        new DateTimeOffset(2026, 11, 20, 9, 0, 0, CityTime.Offset), new DateTimeOffset(2026, 12, 4, 18, 0, 0, CityTime.Offset),
        Audience.InternationalStudents, null, 2, 2);

    public ActivityPlan ToPlan() => new(
        Title.Trim(), Type, Venue.Trim(), StartsAt.ToOffset(CityTime.Offset), EndsAt.ToOffset(CityTime.Offset), Capacity,
        RegistrationOpensAt.ToOffset(CityTime.Offset), RegistrationClosesAt.ToOffset(CityTime.Offset), Audience,
        PartnerUniversityIds?.Distinct().ToList() ?? [], Sessions ?? 1, RequiredSessions ?? Sessions ?? 1);

    public sealed class Validator : AbstractValidator<ScheduleActivity>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Type).IsInEnum();
            RuleFor(x => x.Venue).NotEmpty().MaximumLength(200);
            RuleFor(x => x.StartsAt).NotEmpty().WithinTheProgrammesYears();
            RuleFor(x => x.EndsAt).GreaterThan(x => x.StartsAt).WithMessage("An activity ends after it starts.", "活动的结束时间须晚于开始时间。")
                .WithinTheProgrammesYears();
            RuleFor(x => x.Capacity).InclusiveBetween(1, 10_000);
            RuleFor(x => x.RegistrationOpensAt).NotEmpty().WithinTheProgrammesYears();
            RuleFor(x => x.RegistrationClosesAt).GreaterThan(x => x.RegistrationOpensAt)
                .WithMessage("Registration closes after it opens.", "报名截止时间须晚于报名开始时间。").WithinTheProgrammesYears()
                .LessThanOrEqualTo(x => x.EndsAt).WithMessage("Registration closes by the end of the activity.", "报名截止时间不得晚于活动结束时间。");
            RuleFor(x => x.Audience).IsInEnum();
            RuleFor(x => x.PartnerUniversityIds).NotEmpty().When(x => x.Audience == Audience.PartnerUniversityStudents)
                .WithMessage("Name the partner universities whose students may register.", "请列明其学生可报名的合作高校。");
            RuleFor(x => x.PartnerUniversityIds).Must(ids => ids is null || ids.Count <= 100);
            RuleFor(x => x.Sessions).InclusiveBetween(1, 60);
            RuleFor(x => x.RequiredSessions).InclusiveBetween(1, 60).LessThanOrEqualTo(x => x.Sessions ?? 1)
                .WithMessage("No more sessions can be required than the activity has.", "要求出席的场次数不得超过活动的场次总数。");
        }
    }
}

public static class ScheduleActivityEndpoint
{
    public static ProblemDetails Validate(ScheduleActivity command) => ScheduleActivity.Validator.Instance.Check(command);

    /// <summary>Attendance closes by itself when the activity ends.</summary>
    [WolverinePost("/api/activities", Name = "ScheduleActivity")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Schedule an activity (training, bootcamp, competition, visit, salon, ...)")]
    public static (NewResource<Guid>, IStartStream, OutgoingMessages) Post(ScheduleActivity command, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var scheduled = new ActivityScheduled(id, null, command.ToPlan(), clock.GetUtcNow());
        var end = new OutgoingMessages();
        end.Schedule(new ClosingAttendance.ActivityEnded(id), scheduled.Plan.EndsAt);
        return (new NewResource<Guid>(id, $"/api/activities/{id}"), MartenOps.StartStream<Activity>(id, scheduled), end);
    }
}
