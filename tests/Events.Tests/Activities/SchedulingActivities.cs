using Alba;
using Events.Activities.Getting;
using Events.Activities.Reports;
using StudentBase.Http;
using StudentBase.Testing;

namespace Events.Tests.Activities;

public class SchedulingActivities(EventsFixture fixture)
{
    [Fact]
    public async Task attendance_closes_by_itself_when_the_activity_ends()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new
            {
                title = "Policy guidance session", type = "PolicyGuidance", venue = "Hall 1", startsAt = now.AddHours(-1), endsAt = now.AddSeconds(3),
                capacity = 5, registrationOpensAt = now.AddHours(-2), registrationClosesAt = now.AddSeconds(2), audience = "Anyone",
            }).ToUrl("/api/activities");
            x.StatusCodeShouldBe(201);
        });
        var activity = created.ReadAsJson<NewResource<Guid>>().Id;
        var registration = await fixture.RegisteredAsync(activity, await fixture.StudentAsync());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        ActivityDetails details;
        do
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            details = await fixture.GetAsync<ActivityDetails>($"/api/activities/{activity}");
        }
        while (!details.AttendanceClosed && DateTime.UtcNow < deadline);

        details.AttendanceClosed.ShouldBeTrue();
        details.NoShows.ShouldBe(1);
        (await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{activity}/roster")).Single(entry => entry.RegistrationId == registration.Id).NoShow
            .ShouldBeTrue();
    }

    [Fact]
    public async Task a_rescheduled_activity_keeps_its_registrations_in_the_citys_time()
    {
        var activity = await fixture.ActivityAsync();
        await fixture.RegisteredAsync(activity, await fixture.StudentAsync());
        var later = DateTimeOffset.UtcNow.AddDays(7);

        (await fixture.PostAsync($"/api/activities/{activity}/rescheduling",
            new { startsAt = later.ToUniversalTime(), endsAt = later.AddHours(3).ToUniversalTime(), venue = "Hall 3" })).ShouldBeNoContent();

        var details = await fixture.GetAsync<ActivityDetails>($"/api/activities/{activity}");
        details.Plan.Venue.ShouldBe("Hall 3");
        details.Plan.StartsAt.Offset.ShouldBe(TimeSpan.FromHours(8));
        details.Plan.StartsAt.ShouldBe(later, TimeSpan.FromMilliseconds(1));
        details.Seated.ShouldBe(1);
    }

    [Fact]
    public async Task a_registration_window_that_closes_after_the_end_is_a_validation_problem()
    {
        var now = DateTimeOffset.UtcNow;
        var result = await fixture.PostAsync("/api/activities", new
        {
            title = "Bootcamp", type = "Bootcamp", venue = "Hall 1", startsAt = now.AddDays(1), endsAt = now.AddDays(2), capacity = 5,
            registrationOpensAt = now, registrationClosesAt = now.AddDays(3), audience = "Anyone", sessions = 2, requiredSessions = 3,
        });

        result.Context.Response.StatusCode.ShouldBe(400);
        var errors = (await result.ReadAsJsonAsync<System.Text.Json.Nodes.JsonObject>())!["errors"]!.AsObject().Select(error => error.Key).ToList();
        errors.ShouldContain("registrationClosesAt");
        errors.ShouldContain("requiredSessions");
    }
}
