using Events.Activities;
using Events.Activities.Getting;
using Events.Activities.Reports;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;

namespace Events.Tests.Activities;

public class TakingAttendance(EventsFixture fixture)
{
    [Fact]
    public async Task a_completion_record_is_issued_only_when_attendance_meets_the_rule()
    {
        var training = await fixture.ActivityAsync(sessions: 2, requiredSessions: 2);
        var daniel = await fixture.StudentAsync(name: "Daniel Smith");
        var lena = await fixture.StudentAsync(name: "Lena Fischer");
        var absent = await fixture.StudentAsync(name: "Absent Person");
        var danielRegistration = await fixture.RegisteredAsync(training, daniel);
        var lenaRegistration = await fixture.RegisteredAsync(training, lena);
        var absentRegistration = await fixture.RegisteredAsync(training, absent);

        (await fixture.PostAsync($"/api/activities/{training}/check-ins", new { code = danielRegistration.Code.ToLowerInvariant(), session = 1 })).ShouldBeNoContent();
        (await fixture.PostAsync($"/api/activities/{training}/check-ins", new { registrationId = danielRegistration.Id, session = 2 })).ShouldBeNoContent();
        (await fixture.PostAsync($"/api/activities/{training}/check-ins", new { code = lenaRegistration.Code, session = 1 })).ShouldBeNoContent();
        (await fixture.PostAsync($"/api/activities/{training}/attendance-closing", new { })).ShouldBeNoContent();

        await fixture.Host.RelayCaughtUpAsync();
        var attended = await fixture.Host.InInboxAsync<ParticipantAttended>(Queues.SubsidiesInbox, message => message.ActivityId == training, expected: 2);
        attended.Select(message => message.StudentId).ShouldBe([daniel, lena], ignoreOrder: true);
        var completed = (await fixture.Host.InInboxAsync<TrainingCompleted>(Queues.SubsidiesInbox, message => message.ActivityId == training))
            .ShouldHaveSingleItem();
        completed.StudentId.ShouldBe(daniel);
        completed.SessionsAttended.ShouldBe(2);
        var roster = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{training}/roster");
        roster.Single(entry => entry.RegistrationId == danielRegistration.Id).Completed.ShouldBeTrue();
        roster.Single(entry => entry.RegistrationId == lenaRegistration.Id).Completed.ShouldBeFalse();
        roster.Single(entry => entry.RegistrationId == absentRegistration.Id).NoShow.ShouldBeTrue();
        var details = await fixture.GetAsync<ActivityDetails>($"/api/activities/{training}");
        (details.Attended, details.NoShows, details.Completions).ShouldBe((2, 1, 1));
    }

    [Fact]
    public async Task staff_find_a_participant_by_name_and_undo_a_mistaken_check_in()
    {
        var visit = await fixture.ActivityAsync(type: "CompanyVisit");
        var registration = await fixture.RegisteredAsync(visit, await fixture.StudentAsync(name: "Aigerim Nurlanovna"));
        await fixture.RegisteredAsync(visit, await fixture.StudentAsync(name: "Daniel Smith"));

        var found = await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{visit}/roster?name=aigerim");
        found.ShouldHaveSingleItem().RegistrationId.ShouldBe(registration.Id);

        (await fixture.PostAsync($"/api/activities/{visit}/check-ins", new { registrationId = registration.Id })).ShouldBeNoContent();
        (await fixture.PostAsync($"/api/activities/{visit}/check-ins/undo", new { registrationId = registration.Id })).ShouldBeNoContent();

        (await fixture.GetAsync<List<RosterEntry>>($"/api/activities/{visit}/roster?name=aigerim")).Single().SessionsAttended.ShouldBeEmpty();
        var unknownCode = await fixture.PostAsync($"/api/activities/{visit}/check-ins", new { code = "ZZZZZZZZ" });
        (await unknownCode.RuleAsync()).ShouldBe("no-such-registration");
    }

    [Fact]
    public async Task a_competition_records_results_and_grants_awards()
    {
        var competition = await fixture.ActivityAsync(type: "SkillsCompetition");
        var winner = await fixture.StudentAsync();
        var registration = await fixture.RegisteredAsync(competition, winner);
        (await fixture.PostAsync($"/api/activities/{competition}/check-ins", new { code = registration.Code })).ShouldBeNoContent();

        (await fixture.PostAsync($"/api/activities/{competition}/results", new { registrationId = registration.Id, rank = 1, award = "First prize" }))
            .ShouldBeNoContent();

        (await fixture.Host.InInboxAsync<AwardGranted>(Queues.SubsidiesInbox, message => message.ActivityId == competition))
            .ShouldHaveSingleItem().Award.ShouldBe("First prize");
        var history = await fixture.GetAsync<List<ParticipationEntry>>($"/api/participants/{winner}/activities", PartnerKeys.Analyst);
        history.ShouldHaveSingleItem().Award.ShouldBe("First prize");
    }

    [Fact]
    public async Task the_base_sees_attendance_figures_per_type_and_month()
    {
        var visit = await fixture.ActivityAsync(type: "CompanyVisit", capacity: 5);
        var registration = await fixture.RegisteredAsync(visit, await fixture.StudentAsync());
        (await fixture.PostAsync($"/api/activities/{visit}/check-ins", new { code = registration.Code })).ShouldBeNoContent();
        var month = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(CityTime.Offset);

        var figures = await fixture.GetAsync<List<AttendanceFigure>>($"/api/activity-figures?year={month.Year}", PartnerKeys.Analyst);

        var visits = figures.Single(figure => figure.Type == ActivityType.CompanyVisit && figure.Month == month.ToString("yyyy-MM"));
        visits.Activities.ShouldBeGreaterThanOrEqualTo(1);
        visits.Attended.ShouldBeGreaterThanOrEqualTo(1);
    }
}
