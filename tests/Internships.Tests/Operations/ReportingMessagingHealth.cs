using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StudentBase.Operations;
using StudentBase.Testing;

namespace Internships.Tests.Operations;

/// <summary>Internships without its consumers: what it sends waits in their queues, which it samples often and judges strictly.</summary>
public sealed class QuickHealthFixture : InternshipsFixture
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting($"{HealthThresholds.Section}:SampleInterval", "00:00:00.200");
        builder.UseSetting($"{HealthThresholds.Section}:QueueAgeDegraded", "00:00:01");
    }
}

public class ReportingMessagingHealth(QuickHealthFixture fixture) : IClassFixture<QuickHealthFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task messages_nobody_consumes_make_their_queues_degraded_by_name_and_show_in_the_metrics()
    {
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        var waited = Stopwatch.StartNew();
        JsonObject messaging;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            var report = (await (await fixture.Host.Scenario(x => x.Get.Url("/health"))).ReadAsJsonAsync<JsonObject>())!;
            messaging = report["checks"]!["messaging"]!.AsObject();
        }
        while (!(messaging["description"]!.GetValue<string>() is var said && said.Contains("events_inbox") && said.Contains("subsidies_inbox"))
               && waited.Elapsed < Patience);

        messaging["status"]!.GetValue<string>().ShouldBe("Degraded");
        messaging["description"]!.GetValue<string>().ShouldContain("events_inbox");
        messaging["description"]!.GetValue<string>().ShouldContain("subsidies_inbox");

        var depths = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == MessagingMonitor.MeterName && instrument.Name == "studentbase.queue.depth")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, depth, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue")
                {
                    depths[(string)tag.Value!] = depth;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        depths.GetValueOrDefault("subsidies_inbox").ShouldBeGreaterThan(0);
        depths.GetValueOrDefault("events_inbox").ShouldBeGreaterThan(0);
    }
}
