using Events.Activities;
using Events.Activities.Getting;
using Events.Activities.Reports;
using Marten;
using Microsoft.AspNetCore.Hosting;
using StudentBase.Http;
using StudentBase.Testing;

namespace Events.Tests.Activities;

public class RegisteringForActivities(EventsFixture fixture)
{
    [Fact]
    public async Task fifty_concurrent_registrations_for_ten_seats_seat_ten_and_waitlist_forty_in_arrival_order()
    {
        var activity = await fixture.ActivityAsync(capacity: 10);
        var students = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            students.Add(await fixture.StudentAsync(name: $"Student {i:D2}"));
        }

        var attempts = await Task.WhenAll(students.Select(student => fixture.RegisterAsync(activity, student)));

        attempts.ShouldAllBe(attempt => attempt.Context.Response.StatusCode == 201);
        var details = await fixture.GetAsync<ActivityDetails>($"/api/activities/{activity}");
        details.Seated.ShouldBe(10);
        details.Waitlisted.ShouldBe(40);
        details.SeatsLeft.ShouldBe(0);

        await using var session = fixture.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(activity, token: TestContext.Current.CancellationToken);
        var arrivalOrder = history.Select(e => e.Data).OfType<RegistrationReceived>().Select(received => received.RegistrationId).ToList();
        var waitlist = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{activity}/roster?state=Waitlisted");
        waitlist.Select(entry => entry.WaitlistPosition).ShouldBe(Enumerable.Range(1, 40).Select(position => (int?)position));
        waitlist.Select(entry => entry.RegistrationId).ShouldBe(arrivalOrder.Skip(10));
        (await fixture.GetAsync<WaitlistFairnessReport>($"/api/activities/{activity}/waitlist-fairness", PartnerKeys.Analyst)).Fair.ShouldBeTrue();
    }

    [Fact]
    public async Task an_ineligible_registration_is_refused_with_the_reason_and_stores_nothing()
    {
        var partnerOnly = await fixture.ActivityAsync(audience: "PartnerUniversityStudents", partnerUniversityIds: [PartnerKeys.JimeiUniversity]);
        var xmuStudent = await fixture.StudentAsync();
        var graduate = await fixture.StudentAsync(graduation: new DateOnly(2024, 6, 30));
        var current = await fixture.ActivityAsync();

        (await (await fixture.RegisterAsync(partnerOnly, xmuStudent)).RuleAsync()).ShouldBe("only-students-of-the-partner-universities");
        (await (await fixture.RegisterAsync(current, graduate)).RuleAsync()).ShouldBe("only-current-international-students");
        (await (await fixture.RegisterAsync(current, Guid.CreateVersion7())).RuleAsync()).ShouldBe("participant-must-be-a-registered-student");
        (await fixture.GetAsync<ActivityDetails>($"/api/activities/{partnerOnly}")).Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_student_registers_themselves_and_a_university_only_its_own_students()
    {
        var activity = await fixture.ActivityAsync();
        var daniel = await fixture.StudentAsync();
        var jimeiStudent = await fixture.StudentAsync(universityId: PartnerKeys.JimeiUniversity);

        (await fixture.RegisterAsync(activity, jimeiStudent, PartnerKeys.XiamenUniversityKey)).Context.Response.StatusCode.ShouldBe(403);
        (await fixture.RegisterAsync(activity, daniel, PartnerKeys.Applicant)).Context.Response.StatusCode.ShouldBe(403);
        (await fixture.RegisterAsync(activity, daniel, PartnerKeys.XiamenUniversityKey)).Context.Response.StatusCode.ShouldBe(201);
    }

    [Fact]
    public async Task a_cancellation_offers_the_seat_to_the_first_waitlisted_who_accepts_it()
    {
        var activity = await fixture.ActivityAsync(capacity: 1);
        var seated = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var first = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var second = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        first.State.ShouldBe(RegistrationState.Waitlisted);
        var waiting = await fixture.GetAsync<RegistrationDetails>($"/api/activities/{activity}/registrations/{second.Id}");
        (waiting.State, waiting.WaitlistPosition, waiting.Code).ShouldBe((RegistrationState.Waitlisted, 2, second.Code));

        (await fixture.PostAsync($"/api/activities/{activity}/registrations/{seated.Id}/cancellation", new { })).ShouldBeNoContent();

        var offered = await fixture.GetAsync<RegistrationDetails>($"/api/activities/{activity}/registrations/{first.Id}");
        offered.State.ShouldBe(RegistrationState.Offered);
        offered.OfferExpiresAt.ShouldNotBeNull();
        (await fixture.GetAsync<RegistrationDetails>($"/api/activities/{activity}/registrations/{second.Id}")).WaitlistPosition.ShouldBe(1);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Applicant).Get.Url($"/api/activities/{activity}/registrations/{second.Id}");
            x.StatusCodeShouldBe(404);
        });

        var roster = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{activity}/roster");
        roster.Single(entry => entry.RegistrationId == first.Id).State.ShouldBe(RegistrationState.Offered);
        roster.Single(entry => entry.RegistrationId == second.Id).WaitlistPosition.ShouldBe(1);

        (await fixture.PostAsync($"/api/activities/{activity}/registrations/{first.Id}/offer-acceptance", new { })).ShouldBeNoContent();
        var details = await fixture.GetAsync<ActivityDetails>($"/api/activities/{activity}");
        details.Seated.ShouldBe(1);
        details.Waitlisted.ShouldBe(1);
        (await fixture.GetAsync<WaitlistFairnessReport>($"/api/activities/{activity}/waitlist-fairness")).Handouts.ShouldHaveSingleItem().RegistrationId
            .ShouldBe(first.Id);
    }

    [Fact]
    public async Task an_approval_gated_activity_seats_only_those_the_base_approves()
    {
        var activity = await fixture.ActivityAsync(audience: "ByApproval");
        var asked = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var declined = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        asked.State.ShouldBe(RegistrationState.AwaitingApproval);

        (await fixture.PostAsync($"/api/activities/{activity}/registrations/{asked.Id}/approval", new { })).ShouldBeNoContent();
        (await fixture.PostAsync($"/api/activities/{activity}/registrations/{declined.Id}/decline", new { reason = "Founders only." })).ShouldBeNoContent();

        var roster = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{activity}/roster");
        roster.Single(entry => entry.RegistrationId == asked.Id).State.ShouldBe(RegistrationState.Seated);
        roster.Single(entry => entry.RegistrationId == declined.Id).State.ShouldBe(RegistrationState.Declined);
    }

    [Fact]
    public async Task a_cancelled_activity_tells_every_registrant_after_the_answer()
    {
        var activity = await fixture.ActivityAsync(capacity: 1);
        var seated = await fixture.StudentAsync();
        var waiting = await fixture.StudentAsync();
        await fixture.RegisteredAsync(activity, seated);
        await fixture.RegisteredAsync(activity, waiting);

        (await fixture.PostAsync($"/api/activities/{activity}/cancellation", new { reason = "Typhoon warning." })).ShouldBeNoContent();

        var notice = (await fixture.Host.InInboxAsync<StudentBase.Contracts.ActivityCancelled>(StudentBase.Contracts.Queues.SubsidiesInbox, message => message.ActivityId == activity))
            .ShouldHaveSingleItem();
        notice.RegistrantStudentIds.ShouldBe([seated, waiting], ignoreOrder: true);
        (await (await fixture.RegisterAsync(activity, await fixture.StudentAsync())).RuleAsync()).ShouldBe("activity-is-over");
    }

    [Fact]
    public async Task a_monthly_series_is_scheduled_as_separate_activities_at_once()
    {
        var first = new
        {
            title = "Cultural salon", type = "CulturalSalon", venue = "Tea house", startsAt = "2027-01-15T19:00:00+08:00", endsAt = "2027-01-15T21:00:00+08:00",
            capacity = 30, registrationOpensAt = "2027-01-01T09:00:00+08:00", registrationClosesAt = "2027-01-15T12:00:00+08:00", audience = "Anyone",
        };
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { first, recurrence = "Monthly", occurrences = 6 }).ToUrl("/api/activity-series");
            x.StatusCodeShouldBe(201);
        });
        var seriesId = (await result.ReadAsJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<Guid>();

        var page = await fixture.GetAsync<StudentBase.Http.Page<ActivityDetails>>($"/api/activities?seriesId={seriesId}");

        page.Items.Select(activity => activity.Plan.StartsAt.ToString("yyyy-MM-dd")).Order().ShouldBe(
            ["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15", "2027-05-15", "2027-06-15"]);
    }
}

/// <summary>
/// The service with seat offers held for seconds instead of a day, reminded halfway. Scheduled messages are picked up every
/// few seconds, so the reminder and the lapse are far enough apart to be picked up in turn.
/// </summary>
public sealed class ShortOffersFixture : EventsFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder
        .UseSetting($"{EventsRules.Section}:{nameof(EventsRules.SeatOfferPeriod)}", "00:00:12")
        .UseSetting($"{EventsRules.Section}:{nameof(EventsRules.SeatOfferReminder)}", "00:00:06");
}

public class LapsingOffers(ShortOffersFixture fixture) : IClassFixture<ShortOffersFixture>
{
    [Fact]
    public async Task an_offer_not_accepted_in_time_is_reminded_then_lapses_to_the_next_on_the_waitlist()
    {
        var activity = await fixture.ActivityAsync(capacity: 1);
        var seated = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var first = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var second = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());

        (await fixture.PostAsync($"/api/activities/{activity}/registrations/{seated.Id}/cancellation", new { })).ShouldBeNoContent();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<RosterEntry> roster;
        do
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            roster = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{activity}/roster");
        }
        while (roster.Single(entry => entry.RegistrationId == second.Id).State != RegistrationState.Offered && DateTime.UtcNow < deadline);

        roster.Single(entry => entry.RegistrationId == first.Id).State.ShouldBe(RegistrationState.Cancelled);
        roster.Single(entry => entry.RegistrationId == second.Id).State.ShouldBe(RegistrationState.Offered);
        var late = await fixture.PostAsync($"/api/activities/{activity}/registrations/{first.Id}/offer-acceptance", new { });
        (await late.RuleAsync()).ShouldBe("no-seat-offered");
        var report = await fixture.GetAsync<WaitlistFairnessReport>($"/api/activities/{activity}/waitlist-fairness");
        report.Fair.ShouldBeTrue();
        report.Handouts.Select(handout => handout.RegistrationId).ShouldBe([first.Id, second.Id]);

        await using var session = fixture.Host.DocumentStore().QuerySession();
        var history = await session.Events.FetchStreamAsync(activity, token: TestContext.Current.CancellationToken);
        history.Select(@event => @event.Data)
            .Where(data => data switch
            {
                SeatOffered offered => offered.RegistrationId == first.Id,
                SeatOfferLapsing lapsing => lapsing.RegistrationId == first.Id,
                SeatOfferLapsed lapsed => lapsed.RegistrationId == first.Id,
                _ => false,
            })
            .Select(data => data.GetType().Name)
            .ShouldBe([nameof(SeatOffered), nameof(SeatOfferLapsing), nameof(SeatOfferLapsed)]);
    }
}
