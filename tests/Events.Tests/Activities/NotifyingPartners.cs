using StandardWebhooks;
using StudentBase.Testing;

namespace Events.Tests.Activities;

public class NotifyingPartners(EventsFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task a_university_is_told_its_students_registration_was_confirmed_and_cancelled_and_another_university_is_not()
    {
        var (_, secret) = await fixture.Host.SubscribeAsync(PartnerKeys.XiamenUniversityKey, _receiver.UrlOf("xmu"), "registration.confirmed", "registration.cancelled");
        await fixture.Host.SubscribeAsync(PartnerKeys.JimeiUniversityKey, _receiver.UrlOf("jmu"), "registration.confirmed", "registration.cancelled");
        var studentId = await fixture.StudentAsync(PartnerKeys.XiamenUniversity);
        var activityId = await fixture.ActivityAsync();

        var (registrationId, _, _) = await fixture.RegisteredAsync(activityId, studentId);
        (await fixture.PostAsync($"/api/activities/{activityId}/registrations/{registrationId}/cancellation", new { })).ShouldBeNoContent();

        var received = await _receiver.AcceptedByAsync("xmu", 2, Cancellation);
        received.Select(webhook => webhook.Type).ShouldBe(["registration.confirmed", "registration.cancelled"]);
        foreach (var webhook in received)
        {
            Should.NotThrow(() => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers));
            var data = webhook.Payload["data"]!;
            data["id"]!.GetValue<Guid>().ShouldBe(registrationId);
            data["activityId"]!.GetValue<Guid>().ShouldBe(activityId);
            data["studentId"]!.GetValue<Guid>().ShouldBe(studentId);
            data["universityId"]!.GetValue<Guid>().ShouldBe(PartnerKeys.XiamenUniversity);
            webhook.Body.ShouldNotContain("Daniel");
        }

        _receiver.ReceivedBy("jmu").ShouldNotContain(webhook => webhook.Body.Contains(studentId.ToString()));
    }

    [Fact]
    public async Task when_an_activity_is_cancelled_each_registrants_university_is_told_of_its_students_registration_only()
    {
        var (_, secret) = await fixture.Host.SubscribeAsync(PartnerKeys.XiamenUniversityKey, _receiver.UrlOf("xmu"), "registration.cancelled");
        var xmuStudent = await fixture.StudentAsync(PartnerKeys.XiamenUniversity);
        var jimeiStudent = await fixture.StudentAsync(PartnerKeys.JimeiUniversity);
        var activityId = await fixture.ActivityAsync();
        var (registrationId, _, _) = await fixture.RegisteredAsync(activityId, xmuStudent);
        await fixture.RegisteredAsync(activityId, jimeiStudent);

        (await fixture.PostAsync($"/api/activities/{activityId}/cancellation", new { reason = "The venue is closed by a typhoon warning." })).ShouldBeNoContent();

        var webhook = (await _receiver.AcceptedByAsync("xmu", 1, Cancellation)).ShouldHaveSingleItem();
        webhook.Type.ShouldBe("registration.cancelled");
        webhook.Payload["data"]!["id"]!.GetValue<Guid>().ShouldBe(registrationId);
        Should.NotThrow(() => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers));
        _receiver.ReceivedBy("xmu").ShouldNotContain(received => received.Body.Contains(jimeiStudent.ToString()));
    }
}
