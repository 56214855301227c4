using StandardWebhooks;
using StudentBase.Testing;

namespace Subsidies.Tests.Applications;

public class NotifyingPartners(SubsidiesFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task finance_is_told_an_application_was_assessed_and_returned_and_a_university_may_not_subscribe_to_it()
    {
        var (_, secret) = await fixture.Host.SubscribeAsync(PartnerKeys.Finance, _receiver.UrlOf("finance"), "subsidy_application.assessed", "subsidy_application.returned");
        var founder = await fixture.FounderAsync();
        var id = await fixture.DraftAsync(founder, Applying.Company());

        (await fixture.SendAsync($"/api/subsidy-applications/{id}/submission")).Context.Response.StatusCode.ShouldBe(204);
        (await fixture.SendAsync($"/api/subsidy-applications/{id}/return", new { reasons = new[] { "Attach the R&D ledger." } }))
            .Context.Response.StatusCode.ShouldBe(204);

        var received = await _receiver.AcceptedByAsync("finance", 2, Cancellation);
        received.Select(webhook => webhook.Type).ShouldBe(["subsidy_application.assessed", "subsidy_application.returned"]);
        foreach (var webhook in received)
        {
            Should.NotThrow(() => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers));
            webhook.Payload["data"]!["applicationId"]!.GetValue<Guid>().ShouldBe(id);
            webhook.Payload["data"]!["applicantId"]!.GetValue<Guid>().ShouldBe(founder);
            webhook.Payload["data"]!["url"]!.GetValue<string>().ShouldBe($"/api/subsidy-applications/{id}");
        }

        (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { endpoint = _receiver.UrlOf("xmu"), types = new[] { "subsidy_application.approved" } })
                .ToUrl("/api/webhook-subscriptions");
            x.IgnoreStatusCode();
        })).Context.Response.StatusCode.ShouldBe(400);
    }
}
