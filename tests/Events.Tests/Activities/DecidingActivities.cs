using Events.Activities;
using Events.Activities.Approving;
using Events.Activities.Cancelling;
using Events.Activities.CancellingRegistration;
using Events.Activities.CheckingIn;
using Events.Activities.ClosingAttendance;
using Events.Activities.Offering;
using Events.Activities.RecordingResults;
using Events.Activities.Registering;
using Events.Activities.Reports;
using Events.Activities.Scheduling;
using Events.Students;
using StudentBase.Http;
using CityTime = StudentBase.Contracts.CityTime;
using Published = StudentBase.Contracts;

namespace Events.Tests.Activities;

/// <summary>Given an activity's history, when someone registers, cancels, checks in or closes attendance, then its events or the rule that refuses.</summary>
public class DecidingActivities
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, CityTime.Offset);
    private static readonly EventsRules Rules = new() { SeatOfferPeriod = TimeSpan.FromHours(24) };
    private static readonly Guid Xmu = Guid.CreateVersion7();

    private static ActivityPlan Plan(int capacity = 2, ActivityType type = ActivityType.MentorTraining, Audience audience = Audience.InternationalStudents,
        int sessions = 2, int requiredSessions = 2) => new(
        "Mentor training", type, "Hall 2", Now.AddHours(-1), Now.AddHours(7), capacity, Now.AddDays(-10), Now.AddHours(6), audience, [Xmu],
        sessions, requiredSessions);

    private static Activity Given(ActivityPlan plan, params object[] history)
    {
        var activity = Activity.Create(new ActivityScheduled(Guid.CreateVersion7(), null, plan, Now.AddDays(-20)));
        foreach (var happened in history)
        {
            ((dynamic)activity).Apply((dynamic)happened);
        }

        return activity;
    }

    private static Student StudentOf(Guid? university = null, DateOnly? graduation = null) => new()
    {
        Id = Guid.CreateVersion7(), UniversityId = university ?? Xmu, ExpectedGraduation = graduation ?? new DateOnly(2027, 6, 30),
    };

    private static Guid R(int n) => Guid.Parse($"00000000-0000-7000-8000-{n:D12}");

    private static object[] Received(int n, params object[] then) => [new RegistrationReceived(Guid.Empty, R(n), Guid.NewGuid(), $"CODE{n:D4}", Now), .. then];
    private static object[] Seated(int n) => Received(n, new SeatAssigned(Guid.Empty, R(n), Now));
    private static object[] Waiting(int n) => Received(n, new Waitlisted(Guid.Empty, R(n), Now));

    private static Decision Register(Activity activity, Student? student, DateTimeOffset? at = null) =>
        Events.Activities.Registering.Register.Decide(activity, Guid.CreateVersion7(), "ABCDEFGH", student?.Id ?? Guid.CreateVersion7(), student, at ?? Now);

    [Fact]
    public void a_registration_takes_a_seat_while_capacity_lasts_and_then_joins_the_waitlist()
    {
        Register(Given(Plan()), StudentOf()).Events[1].ShouldBeOfType<SeatAssigned>();
        Register(Given(Plan(), [.. Seated(1), .. Seated(2)]), StudentOf()).Events[1].ShouldBeOfType<Waitlisted>();
    }

    [Fact]
    public void nobody_takes_a_seat_ahead_of_the_waitlist()
    {
        var activity = Given(Plan(capacity: 1), [.. Seated(1), .. Waiting(2), new RegistrationCancelled(Guid.Empty, R(1), CancelledBy.Participant, Now)]);
        Register(activity, StudentOf()).Events[1].ShouldBeOfType<Waitlisted>();
    }

    [Fact]
    public void an_approval_gated_activity_holds_registrations_for_the_base()
    {
        var activity = Given(Plan(audience: Audience.ByApproval));
        Register(activity, StudentOf()).Events[1].ShouldBeOfType<RegistrationHeldForApproval>();

        var held = Given(Plan(audience: Audience.ByApproval), Received(1, new RegistrationHeldForApproval(Guid.Empty, R(1), Now)));
        ApproveRegistration.Decide(held, R(1), Now).Events.ShouldBe([new RegistrationApproved(held.Id, R(1), Now), new SeatAssigned(held.Id, R(1), Now)]);
        DeclineRegistration.Decide(held, R(1), "full", Now).Events.ShouldBe([new RegistrationDeclined(held.Id, R(1), "full", Now)]);
        ApproveRegistration.Decide(Given(Plan(), Seated(1)), R(1), Now).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void an_ineligible_registration_is_refused_with_the_reason()
    {
        Register(Given(Plan()), null).Refusal!.Rule.ShouldBe("participant-must-be-a-registered-student");
        Register(Given(Plan()), StudentOf(graduation: new DateOnly(2026, 6, 30))).Refusal!.Rule.ShouldBe("only-current-international-students");
        Register(Given(Plan(audience: Audience.PartnerUniversityStudents)), StudentOf(university: Guid.CreateVersion7())).Refusal!.Rule
            .ShouldBe("only-students-of-the-partner-universities");
        Register(Given(Plan(audience: Audience.Anyone)), StudentOf(graduation: new DateOnly(2020, 6, 30))).Refusal.ShouldBeNull();
    }

    [Fact]
    public void registration_is_taken_only_in_its_window_once_per_student_and_never_for_a_cancelled_activity()
    {
        var activity = Given(Plan());
        Register(activity, StudentOf(), Now.AddDays(-11)).Refusal!.Rule.ShouldBe("registration-not-open-yet");
        Register(activity, StudentOf(), Now.AddHours(6.5)).Refusal!.Rule.ShouldBe("registration-closed");
        Register(Given(Plan(), new ActivityCancelled(Guid.Empty, "typhoon", Now)), StudentOf()).Refusal!.Rule.ShouldBe("activity-is-over");

        var student = StudentOf();
        var registered = Given(Plan(), new RegistrationReceived(Guid.Empty, R(1), student.Id, "CODE0001", Now), new SeatAssigned(Guid.Empty, R(1), Now));
        Register(registered, student).Refusal!.Rule.ShouldBe("one-registration-per-participant");
    }

    [Fact]
    public void a_cancelled_seat_is_offered_to_the_first_on_the_waitlist()
    {
        var activity = Given(Plan(), [.. Seated(1), .. Seated(2), .. Waiting(3), .. Waiting(4)]);

        CancelRegistration.Decide(activity, R(1), CancelledBy.Participant, Rules, Now).Events.ShouldBe([
            new RegistrationCancelled(activity.Id, R(1), CancelledBy.Participant, Now),
            new SeatOffered(activity.Id, R(3), Now + Rules.SeatOfferPeriod, Now),
        ]);
        CancelRegistration.Decide(activity, R(4), CancelledBy.Base, Rules, Now).Events
            .ShouldBe([new RegistrationCancelled(activity.Id, R(4), CancelledBy.Base, Now)]);
    }

    [Fact]
    public void an_offer_is_accepted_in_time_or_lapses_to_the_next()
    {
        var expires = Now.AddHours(1);
        var activity = Given(Plan(), [.. Seated(1), .. Seated(2), .. Waiting(3), .. Waiting(4),
            new RegistrationCancelled(Guid.Empty, R(1), CancelledBy.Participant, Now), new SeatOffered(Guid.Empty, R(3), expires, Now)]);

        AcceptSeatOffer.Decide(activity, R(3), expires.AddSeconds(-1)).Events.ShouldBe([new SeatAssigned(activity.Id, R(3), expires.AddSeconds(-1))]);
        AcceptSeatOffer.Decide(activity, R(3), expires).Refusal!.Rule.ShouldBe("seat-offer-lapsed");
        AcceptSeatOffer.Decide(activity, R(4), Now).Refusal!.Rule.ShouldBe("no-seat-offered");
        SeatOfferDue.Decide(activity, R(3), Rules, expires.AddSeconds(-1)).ShouldBe(Decision.Nothing);
        SeatOfferDue.Decide(activity, R(3), Rules, expires).Events.ShouldBe([
            new SeatOfferLapsed(activity.Id, R(3), expires),
            new SeatOffered(activity.Id, R(4), expires + Rules.SeatOfferPeriod, expires),
        ]);
    }

    [Fact]
    public void an_offer_held_longer_than_the_reminder_s_lead_is_reminded_once_before_it_lapses()
    {
        var rules = new EventsRules { SeatOfferPeriod = TimeSpan.FromHours(24), SeatOfferReminder = TimeSpan.FromHours(6) };
        var expires = Now + rules.SeatOfferPeriod;
        var offered = new SeatOffered(Guid.Empty, R(3), expires, Now);
        var activity = Given(Plan(), [.. Seated(1), .. Seated(2), .. Waiting(3), new RegistrationCancelled(Guid.Empty, R(1), CancelledBy.Participant, Now), offered]);
        var due = new SeatOfferReminderDue(activity.Id, R(3), expires);
        var remindedAt = expires - rules.SeatOfferReminder;

        Seating.TimersOf([offered with { ActivityId = activity.Id }], rules).ShouldSatisfyAllConditions(
            timers => timers.Count.ShouldBe(2),
            timers => timers.OfType<Wolverine.DeliveryMessage<SeatOfferReminderDue>>().ShouldHaveSingleItem().Options.ScheduledTime.ShouldBe(remindedAt));
        Seating.TimersOf([offered], new EventsRules { SeatOfferPeriod = TimeSpan.FromHours(24), SeatOfferReminder = TimeSpan.FromHours(24) })
            .ShouldHaveSingleItem().ShouldBeOfType<Wolverine.DeliveryMessage<SeatOfferDue>>();

        SeatOfferReminderDue.Decide(activity, due, remindedAt).Events.ShouldBe([new SeatOfferLapsing(activity.Id, R(3), expires, remindedAt)]);
        SeatOfferReminderDue.Decide(Given(Plan(), [.. Seated(1), .. Seated(2), .. Waiting(3), offered, new SeatOfferLapsing(Guid.Empty, R(3), expires, remindedAt)]),
            due, remindedAt.AddMinutes(1)).ShouldBe(Decision.Nothing);
        SeatOfferReminderDue.Decide(Given(Plan(), [.. Seated(1), .. Seated(2), .. Waiting(3), offered, new SeatAssigned(Guid.Empty, R(3), Now)]),
            due, remindedAt).ShouldBe(Decision.Nothing);
        SeatOfferReminderDue.Decide(activity, due with { ExpiresAt = expires.AddHours(1) }, remindedAt).ShouldBe(Decision.Nothing);
        SeatOfferReminderDue.Decide(activity, due, expires).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void only_a_seated_participant_checks_in_on_the_day_and_the_first_check_in_is_published()
    {
        var activity = Given(Plan(), [.. Seated(1), .. Waiting(2)]);

        var first = CheckIn.Decide(activity, activity.Find(R(1)), 1, Now);
        first.Events.ShouldBe([new CheckedIn(activity.Id, R(1), 1, Now)]);
        first.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.ParticipantAttended>();
        CheckIn.Decide(activity, activity.Find(R(2)), 1, Now).Refusal!.Rule.ShouldBe("only-a-seated-participant-checks-in");
        CheckIn.Decide(activity, activity.Find(R(1)), 3, Now).Refusal!.Rule.ShouldBe("no-such-session");
        CheckIn.Decide(activity, null, 1, Now).Refusal!.Rule.ShouldBe("no-such-registration");
        CheckIn.Decide(activity, activity.Find(R(1)), 1, Now.AddDays(-1)).Refusal!.Rule.ShouldBe("check-in-opens-on-the-day");

        var checkedIn = Given(Plan(), [.. Seated(1), new CheckedIn(Guid.Empty, R(1), 1, Now)]);
        CheckIn.Decide(checkedIn, checkedIn.Find(R(1)), 1, Now).ShouldBe(Decision.Nothing);
        CheckIn.Decide(checkedIn, checkedIn.Find(R(1)), 2, Now).Messages.ShouldBeEmpty();
        UndoCheckIn.Decide(checkedIn, R(1), 1, Now).Events.ShouldBe([new CheckInUndone(checkedIn.Id, R(1), 1, Now)]);
    }

    [Fact]
    public void closing_attendance_records_no_shows_and_a_completion_only_where_attendance_meets_the_rule()
    {
        var activity = Given(Plan(capacity: 3), [.. Seated(1), .. Seated(2), .. Seated(3),
            new CheckedIn(Guid.Empty, R(1), 1, Now), new CheckedIn(Guid.Empty, R(1), 2, Now), new CheckedIn(Guid.Empty, R(2), 1, Now)]);

        var closed = CloseAttendance.Decide(activity, Now.AddHours(8));

        closed.Events.ShouldBe([
            new AttendanceClosed(activity.Id, Now.AddHours(8)),
            new NoShowRecorded(activity.Id, R(3), Now.AddHours(8)),
            new CompletionRecorded(activity.Id, R(1), 2, Now.AddHours(8)),
        ]);
        closed.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.TrainingCompleted>().SessionsAttended.ShouldBe(2);

        var visit = Given(Plan(type: ActivityType.CompanyVisit, sessions: 1, requiredSessions: 1), [.. Seated(1), new CheckedIn(Guid.Empty, R(1), 1, Now)]);
        CloseAttendance.Decide(visit, Now).Events.OfType<CompletionRecorded>().ShouldBeEmpty();
        CloseAttendance.Decide(Given(Plan(), new AttendanceClosed(Guid.Empty, Now)), Now).ShouldBe(Decision.Nothing);
    }

    [Fact]
    public void competitions_record_results_of_attendees_and_publish_awards()
    {
        var competition = Given(Plan(type: ActivityType.SkillsCompetition, sessions: 1, requiredSessions: 1),
            [.. Seated(1), .. Seated(2), new CheckedIn(Guid.Empty, R(1), 1, Now)]);

        var awarded = RecordResult.Decide(competition, new RecordResult(R(1), 1, "First prize"), Now);
        awarded.Events.ShouldBe([new ResultRecorded(competition.Id, R(1), 1, "First prize", Now)]);
        awarded.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.AwardGranted>().Award.ShouldBe("First prize");
        RecordResult.Decide(competition, new RecordResult(R(2), 2, null), Now).Refusal!.Rule.ShouldBe("results-need-attendance");
        RecordResult.Decide(Given(Plan(), Seated(1)), new RecordResult(R(1), 1, null), Now).Refusal!.Rule.ShouldBe("results-only-for-competitions");
    }

    [Fact]
    public void cancelling_an_activity_tells_every_active_registrant()
    {
        var activity = Given(Plan(), [.. Seated(1), .. Waiting(2), .. Received(3, new RegistrationCancelled(Guid.Empty, R(3), CancelledBy.Participant, Now))]);

        var cancelled = CancelActivity.Decide(activity, "typhoon", Now);

        cancelled.Events.ShouldBe([new Events.Activities.ActivityCancelled(activity.Id, "typhoon", Now)]);
        cancelled.Messages.ShouldHaveSingleItem().ShouldBeOfType<Published.ActivityCancelled>().RegistrantStudentIds
            .ShouldBe([activity.Find(R(1))!.StudentId, activity.Find(R(2))!.StudentId]);
    }

    [Fact]
    public void a_monthly_series_repeats_the_first_activity_on_the_same_day_of_each_month()
    {
        var first = new ScheduleActivity("Cultural salon", ActivityType.CulturalSalon, "Tea house", new DateTimeOffset(2026, 1, 15, 19, 0, 0, CityTime.Offset),
            new DateTimeOffset(2026, 1, 15, 21, 0, 0, CityTime.Offset), 30, new DateTimeOffset(2026, 1, 1, 9, 0, 0, CityTime.Offset),
            new DateTimeOffset(2026, 1, 15, 12, 0, 0, CityTime.Offset), Audience.Anyone, null, null, null);

        var plans = new ScheduleSeries(first, Recurrence.Monthly, 3).Plans().ToList();

        plans.Select(plan => plan.StartsAt.ToString("yyyy-MM-dd HH:mm")).ShouldBe(["2026-01-15 19:00", "2026-02-15 19:00", "2026-03-15 19:00"]);
        plans[2].RegistrationClosesAt.ShouldBe(new DateTimeOffset(2026, 3, 15, 12, 0, 0, CityTime.Offset));
    }

    [Fact]
    public void the_fairness_report_finds_a_seat_that_skipped_the_queue()
    {
        var scheduled = new ActivityScheduled(Guid.CreateVersion7(), null, Plan(capacity: 1), Now);
        object[] fair = [scheduled, .. Seated(1), .. Waiting(2), .. Waiting(3),
            new RegistrationCancelled(Guid.Empty, R(1), CancelledBy.Participant, Now), new SeatOffered(Guid.Empty, R(2), Now.AddHours(1), Now)];
        object[] unfair = [scheduled, .. Seated(1), .. Waiting(2), .. Waiting(3),
            new RegistrationCancelled(Guid.Empty, R(1), CancelledBy.Participant, Now), new SeatOffered(Guid.Empty, R(3), Now.AddHours(1), Now)];

        var report = WaitlistFairnessReport.From(scheduled.ActivityId, fair);
        report.Fair.ShouldBeTrue();
        report.Handouts.ShouldHaveSingleItem().QueuePosition.ShouldBe(1);

        var skipped = WaitlistFairnessReport.From(scheduled.ActivityId, unfair);
        skipped.Fair.ShouldBeFalse();
        skipped.Violations.ShouldHaveSingleItem().ShouldContain("from place 2");
    }
}
