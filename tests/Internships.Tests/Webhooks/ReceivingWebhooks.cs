using System.Diagnostics;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Internships.Permits.Watching;
using Internships.Tests.Internships;
using Internships.Tests.Permits;
using StudentBase.Contracts;
using Wolverine;
using StudentBase.Testing;
using StudentBase.Webhooks.Delivery;
using StudentBase.Webhooks.Subscriptions;

namespace Internships.Tests.Webhooks;

/// <summary>Deliveries are retried within a second here instead of over 31 hours, and an attempt waits one second for its answer.</summary>
public sealed class FastWebhooksFixture : InternshipsFixture
{
    protected override string DatabasePrefix => "internships_webhooks";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:Timeout", "00:00:01");
        builder.UseSetting("Webhooks:RetryDelays:0", "00:00:00.200");
        builder.UseSetting("Webhooks:RetryDelays:1", "00:00:00.200");
        builder.UseSetting("Webhooks:RetryDelays:2", "00:00:00.200");
    }
}

public class ReceivingWebhooks(FastWebhooksFixture fixture) : IClassFixture<FastWebhooksFixture>, IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    private Task<(Guid Id, string Secret)> SubscribeAsync(string key, string hook, params string[] types) =>
        fixture.Host.SubscribeAsync(key, _receiver.UrlOf(hook), types);

    private Task<Guid> RegisterStudentAsync(Guid universityId, string key = PartnerKeys.XiamenUniversityKey) =>
        fixture.CreateAsync("/api/students", Given.NominationOf(universityId, "Daniel Smith"), key);

    private Task CorrectAsync(Guid studentId, string fullName) =>
        fixture.PostAsync($"/api/students/{studentId}/corrections", new { fullName, reason = "typo in the name" }, PartnerKeys.XiamenUniversityKey);

    private static void ShouldBeSignedWith(ReceivedWebhook received, string secret) =>
        Should.NotThrow(() => new StandardWebhook(secret).Verify(received.Body, received.Headers));

    [Fact]
    public async Task a_university_receives_its_own_students_notifications_signed_thin_and_in_order_and_another_university_none_of_them()
    {
        var (_, xmuSecret) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "xmu", "student.registered", "student.corrected");
        await SubscribeAsync(PartnerKeys.JimeiUniversityKey, "jmu", "student.registered", "student.corrected");

        var studentId = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        await CorrectAsync(studentId, "Daniel Smyth");
        var jimeiStudent = await RegisterStudentAsync(PartnerKeys.JimeiUniversity, PartnerKeys.JimeiUniversityKey);

        var received = await _receiver.AcceptedByAsync("xmu", 2, Cancellation);
        received.Select(webhook => webhook.Type).ShouldBe(["student.registered", "student.corrected"]);
        foreach (var webhook in received)
        {
            ShouldBeSignedWith(webhook, xmuSecret);
            var data = webhook.Payload["data"]!;
            data["id"]!.GetValue<Guid>().ShouldBe(studentId);
            data["studentId"]!.GetValue<Guid>().ShouldBe(studentId);
            data["universityId"]!.GetValue<Guid>().ShouldBe(PartnerKeys.XiamenUniversity);
            data["url"]!.GetValue<string>().ShouldBe($"/api/students/{studentId}");
            webhook.Body.ShouldNotContain("Daniel");
            webhook.Body.ShouldNotContain("A12345678");
        }

        (await _receiver.AcceptedByAsync("jmu", 1, Cancellation)).ShouldHaveSingleItem().Payload["data"]!["studentId"]!.GetValue<Guid>()
            .ShouldBe(jimeiStudent);
        Should.Throw<WebhookVerificationException>(() => new StandardWebhook(xmuSecret).Verify(received[0].Body.Replace("registered", "corrected"), received[0].Headers));
    }

    [Fact]
    public async Task a_delivery_continues_the_flow_of_the_request_that_caused_it_and_tells_the_receiver_its_trace()
    {
        await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "xmu-flow", "student.registered");
        var studentId = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);

        var received = (await _receiver.AcceptedByAsync("xmu-flow", 1, Cancellation)).ShouldHaveSingleItem();
        await using var session = fixture.Store.QuerySession();
        var registered = (await session.Events.FetchStreamAsync(studentId, token: Cancellation))[0];
        registered.CorrelationId.ShouldNotBeNullOrEmpty();
        var traceparent = received.Headers["traceparent"].ToString();
        ActivityContext.TryParse(traceparent, null, out var flow).ShouldBeTrue($"traceparent '{traceparent}'");
        flow.TraceId.ToHexString().ShouldBe(registered.CorrelationId);
    }

    [Fact]
    public async Task a_permit_case_tells_the_person_s_university_each_step_and_only_the_authority_that_decides_it_of_its_forwarding_and_decision()
    {
        var (_, xmuSecret) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "xmu-permits", "permit_case.returned", "permit_case.forwarded", "permit_case.approved");
        await SubscribeAsync(PartnerKeys.ExitEntryOfficer, "exit-entry-permits", "permit_case.forwarded", "permit_case.approved");
        await SubscribeAsync(PartnerKeys.WorkPermitOfficer, "work-permits", "permit_case.forwarded", "permit_case.approved");
        var person = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        var caseId = await fixture.OpenPermitCaseAsync(person);
        await fixture.PostAsync($"/api/permit-cases/{caseId}/submission", new { }, PartnerKeys.XiamenUniversityKey);
        await fixture.PostAsync($"/api/permit-cases/{caseId}/return", new { shortfalls = new[] { new { item = "passport", reason = "Missing." } } });
        await fixture.ForwardedAsync(caseId);
        await fixture.PostAsync($"/api/permit-cases/{caseId}/approval",
            new { permitNumber = "XM2026R0054321", validFrom = "2027-01-01", validUntil = "2027-12-31" }, PartnerKeys.ExitEntryOfficer);

        var university = await _receiver.AcceptedByAsync("xmu-permits", 3, Cancellation);
        university.Select(webhook => webhook.Type).ShouldBe(["permit_case.returned", "permit_case.forwarded", "permit_case.approved"]);
        var authority = await _receiver.AcceptedByAsync("exit-entry-permits", 2, Cancellation);
        authority.Select(webhook => webhook.Type).ShouldBe(["permit_case.forwarded", "permit_case.approved"]);
        foreach (var webhook in university.Concat(authority))
        {
            webhook.Payload["data"]!["caseId"]!.GetValue<Guid>().ShouldBe(caseId);
            webhook.Payload["data"]!["personId"]!.GetValue<Guid>().ShouldBe(person);
            webhook.Body.ShouldNotContain("XM2026R0054321");
            webhook.Body.ShouldNotContain("Daniel");
        }

        ShouldBeSignedWith(university[0], xmuSecret);
        _receiver.ReceivedBy("work-permits").ShouldBeEmpty("a residence permit is not the work-permit office's to decide");
    }

    [Fact]
    public async Task a_permit_expiring_while_an_internship_and_a_subsidy_application_need_it_is_told_to_the_person_s_side_and_the_administration()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: Given.Today.AddDays(30));
        var internship = await parties.DraftedAsync();
        var application = Guid.CreateVersion7();
        var (_, secret) = await SubscribeAsync(parties.UniversityKey, "university-permit-watch", "permit.expiring", "permit.expired");
        await SubscribeAsync(parties.CompanyKey, "company-permit-watch", "permit.expiring");
        await SubscribeAsync(parties.StudentKey, "student-permit-watch", "permit.expiring");
        await SubscribeAsync(PartnerKeys.ExitEntryOfficer, "exit-entry-permit-watch", "permit.expiring");
        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(application, parties.StudentId, "Eligible", true, 3, DateTimeOffset.UtcNow));

        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new CheckPermitExpiry(), Cancellation);
        }

        var received = (await _receiver.AcceptedByAsync("university-permit-watch", 1, Cancellation)).ShouldHaveSingleItem();
        received.Type.ShouldBe("permit.expiring");
        ShouldBeSignedWith(received, secret);
        var data = received.Payload["data"]!;
        data["personId"]!.GetValue<Guid>().ShouldBe(parties.StudentId);
        data["internshipId"]!.GetValue<Guid>().ShouldBe(internship);
        data["subsidyApplicationId"]!.GetValue<Guid>().ShouldBe(application);
        data["branchStationId"]!.GetValue<Guid>().ShouldBe(parties.BranchStationId);
        data["universityId"]!.GetValue<Guid>().ShouldBe(parties.UniversityId);
        data["url"]!.GetValue<string>().ShouldBe($"/api/students/{parties.StudentId}");
        foreach (var hook in new[] { "company-permit-watch", "student-permit-watch", "exit-entry-permit-watch" })
        {
            (await _receiver.AcceptedByAsync(hook, 1, Cancellation)).ShouldContain(
                webhook => webhook.Payload["data"]!["personId"]!.GetValue<Guid>() == parties.StudentId, hook);
        }
    }

    [Fact]
    public async Task a_receiver_that_fails_for_a_while_gets_every_notification_once_it_recovers_in_order()
    {
        _receiver.Answer("flaky", call => call <= 3 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent);
        var (_, secret) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "flaky", "student.corrected");
        var studentId = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        foreach (var name in new[] { "Daniel Smyth", "Daniel Smithe", "Daniel Smythe" })
        {
            await CorrectAsync(studentId, name);
        }

        var accepted = await _receiver.AcceptedByAsync("flaky", 3, Cancellation);
        accepted.Count.ShouldBe(3);
        accepted.Select(webhook => webhook.Headers["webhook-id"].ToString()).Distinct().Count().ShouldBe(3);
        accepted.Select(webhook => webhook.Payload["timestamp"]!.GetValue<DateTimeOffset>()).ShouldBeInOrder();
        accepted.ShouldAllBe(webhook => webhook.Type == "student.corrected");
        foreach (var webhook in accepted)
        {
            ShouldBeSignedWith(webhook, secret);
        }

        // The first notification was retried three times with the same id; nothing after it went ahead of it.
        var requests = _receiver.ReceivedBy("flaky");
        requests.Take(4).Select(webhook => webhook.Headers["webhook-id"].ToString()).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_subscription_whose_deliveries_fail_throughout_the_retry_window_is_disabled_the_partner_reads_why_and_resuming_sends_what_was_kept()
    {
        var recovered = false;
        _receiver.Answer("dead", _ => Volatile.Read(ref recovered) ? StatusCodes.Status204NoContent : StatusCodes.Status503ServiceUnavailable);
        var (id, _) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "dead", "student.registered");
        var first = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);

        var subscription = await EventuallyAsync(id, details => details.State == WebhookSubscriptionState.Disabled);
        subscription.DisabledReason.ShouldNotBeNull().ShouldContain("HTTP 503");
        _receiver.ReceivedBy("dead").Count.ShouldBe(4);
        var second = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);

        Volatile.Write(ref recovered, true);
        await fixture.PostAsync($"/api/webhook-subscriptions/{id}/resumption", new { }, PartnerKeys.XiamenUniversityKey);
        (await EventuallyAsync(id, details => details.State == WebhookSubscriptionState.Active)).DisabledReason.ShouldBeNull();
        (await _receiver.AcceptedByAsync("dead", 2, Cancellation)).Select(webhook => webhook.Payload["data"]!["studentId"]!.GetValue<Guid>())
            .ShouldBe([first, second], ignoreOrder: true, "the one that failed throughout, and the one kept while disabled (two subjects: no order between them)");
    }

    [Fact]
    public async Task what_happens_while_a_subscription_is_paused_is_sent_in_order_when_it_is_resumed()
    {
        var (id, _) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "paused", "student.registered", "student.corrected");
        await fixture.PostAsync($"/api/webhook-subscriptions/{id}/pause", new { }, PartnerKeys.XiamenUniversityKey);
        var studentId = await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        await CorrectAsync(studentId, "Daniel Smyth");
        (await QueuedForAsync(id, 2)).ShouldBe(2);
        _receiver.ReceivedBy("paused").ShouldBeEmpty();

        await fixture.PostAsync($"/api/webhook-subscriptions/{id}/resumption", new { }, PartnerKeys.XiamenUniversityKey);
        (await _receiver.AcceptedByAsync("paused", 2, Cancellation)).Select(webhook => webhook.Type).ShouldBe(["student.registered", "student.corrected"]);
    }

    [Fact]
    public async Task a_receiver_that_does_not_answer_does_not_hold_up_a_registration()
    {
        var release = new TaskCompletionSource();
        var reached = new TaskCompletionSource();
        _receiver.Answer("hanging", async _ =>
        {
            reached.TrySetResult();
            await release.Task;
            return StatusCodes.Status204NoContent;
        });
        await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "hanging", "student.registered");
        await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        // The receiver is still holding the first delivery: the next registrations are answered regardless.
        for (var i = 0; i < 3; i++)
        {
            await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        }

        release.SetResult();
    }

    [Fact]
    public async Task after_a_rotation_each_delivery_is_signed_with_the_new_secret_and_the_previous_one()
    {
        var (id, oldSecret) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "rotating", "student.registered");
        var rotated = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { graceHours = 2 }).ToUrl($"/api/webhook-subscriptions/{id}/secret-rotation");
            x.StatusCodeShouldBe(StatusCodes.Status200OK);
        });
        var newSecret = (await rotated.ReadAsJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
        newSecret.ShouldNotBe(oldSecret);

        await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        var webhook = (await _receiver.AcceptedByAsync("rotating", 1, Cancellation)).ShouldHaveSingleItem();
        var signatures = webhook.Headers["webhook-signature"].ToString().Split(' ');
        signatures.Length.ShouldBe(2);
        ShouldBeSignedWith(webhook, newSecret);
        // A receiver still on the old secret matches the second signature.
        var headers = new HeaderDictionary(webhook.Headers.ToDictionary()) { ["webhook-signature"] = signatures[1] };
        Should.NotThrow(() => new StandardWebhook(oldSecret).Verify(webhook.Body, headers));
    }

    [Fact]
    public async Task a_subscription_is_refused_for_an_endpoint_or_types_it_may_not_have_and_another_partners_is_not_found()
    {
        async Task<IScenarioResult> Subscribe(string key, string endpoint, params string[] types) =>
            await fixture.TryAsync(HttpMethod.Post, "/api/webhook-subscriptions", new { endpoint, types }, key);

        (await Subscribe(PartnerKeys.XiamenUniversityKey, "http://partner.example/hooks", "student.registered")).Context.Response.StatusCode.ShouldBe(400);
        (await Subscribe(PartnerKeys.XiamenUniversityKey, "https://10.0.0.5/hooks", "student.registered")).Context.Response.StatusCode.ShouldBe(400);
        (await Subscribe(PartnerKeys.XiamenUniversityKey, "https://partner.example/hooks", "student.graduated")).Context.Response.StatusCode.ShouldBe(400);
        var company = await Subscribe(PartnerKeys.Company, "https://partner.example/hooks", "student.registered");
        company.Context.Response.StatusCode.ShouldBe(400);
        (await company.ReadAsTextAsync()).ShouldContain("never receives 'student.registered'");
        (await Subscribe(PartnerKeys.Analyst, "https://partner.example/hooks", "student.registered")).Context.Response.StatusCode.ShouldBe(403);

        var (id, _) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "mine", "student.registered");
        (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url($"/api/webhook-subscriptions/{id}");
            x.IgnoreStatusCode();
        })).Context.Response.StatusCode.ShouldBe(404);
        (await fixture.GetAsync<WebhookSubscriptionList>("/api/webhook-subscriptions", PartnerKeys.JimeiUniversityKey)).Items
            .ShouldNotContain(subscription => subscription.Id == id);
    }

    [Fact]
    public async Task the_delivery_log_shows_every_attempt_and_a_notification_or_a_time_range_is_delivered_again_on_request()
    {
        _receiver.Answer("logged", call => call == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent);
        var (id, _) = await SubscribeAsync(PartnerKeys.XiamenUniversityKey, "logged", "student.registered");
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await RegisterStudentAsync(PartnerKeys.XiamenUniversity);
        var first = (await _receiver.AcceptedByAsync("logged", 1, Cancellation)).ShouldHaveSingleItem();
        var webhookId = first.Headers["webhook-id"].ToString();

        var delivery = (await DeliveredAsync(id, attempts: 2)).ShouldHaveSingleItem();
        delivery.NotificationId.ToString().ShouldBe(webhookId);
        delivery.Type.ShouldBe("student.registered");
        delivery.Attempts.Select(attempt => attempt.Status).ShouldBe([500, 204]);
        delivery.Attempts.ShouldAllBe(attempt => attempt.LatencyMs >= 0);

        var one = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { notificationId = delivery.NotificationId }).ToUrl($"/api/webhook-subscriptions/{id}/redeliveries");
            x.StatusCodeShouldBe(StatusCodes.Status202Accepted);
        });
        one.ReadAsJson<Redelivery>().Queued.ShouldBe(1);
        var range = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { from, to = DateTimeOffset.UtcNow.AddMinutes(1) }).ToUrl($"/api/webhook-subscriptions/{id}/redeliveries");
            x.StatusCodeShouldBe(StatusCodes.Status202Accepted);
        });
        range.ReadAsJson<Redelivery>().Queued.ShouldBe(1);
        (await _receiver.AcceptedByAsync("logged", 3, Cancellation)).Select(webhook => webhook.Headers["webhook-id"].ToString()).Distinct()
            .ShouldBe([webhookId], "a redelivery carries the notification's own id, so a receiver can tell it has it");

        (await fixture.TryAsync(HttpMethod.Post, $"/api/webhook-subscriptions/{id}/redeliveries", new { notificationId = Guid.NewGuid() },
            PartnerKeys.XiamenUniversityKey)).Context.Response.StatusCode.ShouldBe(404);
        (await fixture.TryAsync(HttpMethod.Post, $"/api/webhook-subscriptions/{id}/redeliveries", new { }, PartnerKeys.XiamenUniversityKey))
            .Context.Response.StatusCode.ShouldBe(400);
        (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url($"/api/webhook-subscriptions/{id}/deliveries");
            x.IgnoreStatusCode();
        })).Context.Response.StatusCode.ShouldBe(404);
    }

    /// <summary>The subscription's delivery log once its newest delivery is Delivered after <paramref name="attempts"/> attempts.</summary>
    private async Task<IReadOnlyList<NotificationDelivery>> DeliveredAsync(Guid subscriptionId, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var log = await fixture.GetAsync<DeliveryLogPage>($"/api/webhook-subscriptions/{subscriptionId}/deliveries", PartnerKeys.XiamenUniversityKey);
            if (log.Items is [{ State: "Delivered" } newest, ..] && newest.Attempts.Count >= attempts || DateTime.UtcNow > deadline)
            {
                return log.Items;
            }

            await Task.Delay(100, Cancellation);
        }
    }

    /// <summary>How many notifications the relay has queued for the subscription, once there are at least <paramref name="count"/>.</summary>
    private async Task<long> QueuedForAsync(Guid subscriptionId, int count)
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = dataSource.CreateCommand("select count(*) from internships.webhook_deliveries where subscription_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
            var queued = (long)(await command.ExecuteScalarAsync(Cancellation))!;
            if (queued >= count || DateTime.UtcNow > deadline)
            {
                return queued;
            }

            await Task.Delay(100, Cancellation);
        }
    }

    private async Task<WebhookSubscriptionDetails> EventuallyAsync(Guid id, Func<WebhookSubscriptionDetails, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var details = await fixture.GetAsync<WebhookSubscriptionDetails>($"/api/webhook-subscriptions/{id}", PartnerKeys.XiamenUniversityKey);
            if (condition(details) || DateTime.UtcNow > deadline)
            {
                return details;
            }

            await Task.Delay(100, Cancellation);
        }
    }
}

/// <summary>One replica with three delivery slots, at most one of them for any one subscription, and a patient timeout.</summary>
public sealed class NarrowDeliveryFixture : InternshipsFixture
{
    protected override string DatabasePrefix => "internships_webhook_slots";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:Timeout", "00:02:00");
        builder.UseSetting("Webhooks:MaxConcurrentDeliveries", "3");
        builder.UseSetting("Webhooks:MaxConcurrentDeliveriesPerSubscription", "1");
    }
}

public class SharingDeliverySlots(NarrowDeliveryFixture fixture) : IClassFixture<NarrowDeliveryFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_receiver_that_holds_its_deliveries_open_takes_only_its_share_of_the_slots_and_other_partners_are_still_notified()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource<int>();
        receiver.Answer("stuck", _ => release.Task);
        await fixture.Host.SubscribeAsync(PartnerKeys.XiamenUniversityKey, receiver.UrlOf("stuck"), "student.registered");
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreateAsync("/api/students", Given.NominationOf(PartnerKeys.XiamenUniversity, "Daniel Smith"), PartnerKeys.XiamenUniversityKey);
        }

        await fixture.Host.SubscribeAsync(PartnerKeys.JimeiUniversityKey, receiver.UrlOf("prompt"), "student.registered");
        await fixture.CreateAsync("/api/students", Given.NominationOf(PartnerKeys.JimeiUniversity, "Amara Okafor"), PartnerKeys.JimeiUniversityKey);

        // Three subjects wait for the stuck receiver, which could take every slot for two minutes; it holds one.
        (await receiver.AcceptedByAsync("prompt", 1, Cancellation, within: TimeSpan.FromSeconds(60))).ShouldHaveSingleItem();
        receiver.CallsTo("stuck").ShouldBe(1);

        release.SetResult(StatusCodes.Status204NoContent);
        (await receiver.AcceptedByAsync("stuck", 3, Cancellation, within: TimeSpan.FromSeconds(60))).Count.ShouldBe(3);
    }
}
