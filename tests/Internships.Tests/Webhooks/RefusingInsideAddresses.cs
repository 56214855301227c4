using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Testing;
using StudentBase.Webhooks.Delivery;

namespace Internships.Tests.Webhooks;

/// <summary>A name that was public when the partner subscribed now resolves to addresses inside the platform's network.</summary>
public sealed class RebindingResolver : WebhookHostResolver
{
    public const string Host = "hooks.partner.example";

    public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation) =>
        host == Host ? Task.FromResult(new[] { IPAddress.Parse("10.0.0.7"), IPAddress.Parse("169.254.169.254") }) : base.ResolveAsync(host, cancellation);
}

public sealed class RebindingFixture : InternshipsFixture
{
    protected override string DatabasePrefix => "internships_rebinding";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:Timeout", "00:00:02");
        builder.ConfigureTestServices(services => services.AddSingleton<WebhookHostResolver>(new RebindingResolver()));
    }
}

public class RefusingInsideAddresses(RebindingFixture fixture) : IClassFixture<RebindingFixture>
{
    [Fact]
    public async Task a_delivery_to_a_host_that_now_resolves_to_a_private_address_is_not_sent_and_the_log_says_why()
    {
        var (id, _) = await fixture.Host.SubscribeAsync(PartnerKeys.XiamenUniversityKey, $"https://{RebindingResolver.Host}/students", "student.registered");
        await fixture.CreateAsync("/api/students", Given.NominationOf(PartnerKeys.XiamenUniversity), PartnerKeys.XiamenUniversityKey);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        DeliveryAttempt? attempt = null;
        while (attempt is null && DateTime.UtcNow < deadline)
        {
            var log = await fixture.GetAsync<DeliveryLogPage>($"/api/webhook-subscriptions/{id}/deliveries", PartnerKeys.XiamenUniversityKey);
            attempt = log.Items.SelectMany(delivery => delivery.Attempts).FirstOrDefault();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        attempt.ShouldNotBeNull("no attempt within 30 s");
        attempt.Status.ShouldBeNull();
        attempt.Error.ShouldBe($"The endpoint's host {RebindingResolver.Host} resolves to a private or loopback address; nothing was sent.");
    }
}
