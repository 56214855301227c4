using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Operations;
using StudentBase.Partners;
using StudentBase.Testing;
using Wolverine.Tracking;

namespace Internships.Tests.Operations;

/// <summary>An operator follows a partner's request by its trace id: every event it stored, and every message it sent, say where they came from.</summary>
public class FollowingAFlow(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string NewTraceId() => System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();

    private async Task<Guid> RegisterInFlowAsync(string traceId)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity)).ToUrl("/api/students");
            x.WithRequestHeader("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<JsonObject>()!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task the_event_a_request_stores_carries_its_trace_as_correlation_the_request_as_cause_and_the_command()
    {
        var traceId = NewTraceId();
        var studentId = await RegisterInFlowAsync(traceId);

        await using var session = fixture.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(studentId, token: Cancellation)).Single();
        stored.Data.ShouldBeOfType<StudentNominated>();
        stored.CorrelationId.ShouldBe(traceId);
        stored.CausationId.ShouldNotBeNullOrEmpty();
        stored.CausationId.Length.ShouldBe(16, "the causation of a request is its span id");
        stored.GetHeader(Provenance.Headers.Command).ShouldNotBeNull().ToString().ShouldBe("RegisterStudent");

        fixture.Spans.Texts.ShouldContain(span => span.StartsWith("Microsoft.AspNetCore POST /api/students ")
            && span.Contains($"studentbase.causation_id={stored.CausationId}") && span.Contains("studentbase.command=RegisterStudent")
            && span.Contains($"studentbase.stream_ids={studentId}") && span.Contains("studentbase.event_types=student_nominated")
            && span.Contains("studentbase.partner_role=University"));

        // The relay publishes after the answer, continuing the request's trace.
        var sent = (await fixture.Host.EnvelopesInInboxAsync<StudentRegistered>(Queues.EventsInbox, message => message.StudentId == studentId))
            .Select(relayed => relayed.Envelope).ToList();
        sent.ShouldNotBeEmpty();
        sent.ShouldAllBe(envelope => envelope.CorrelationId == traceId && envelope.Headers[Provenance.Headers.SentBy] == stored.CausationId
            && envelope.ParentId!.StartsWith($"00-{traceId}-"));
    }

    [Fact]
    public async Task an_operator_reads_where_an_event_came_from_without_its_data()
    {
        var traceId = NewTraceId();
        var studentId = await RegisterInFlowAsync(traceId);
        await using var session = fixture.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(studentId, token: Cancellation)).Single();

        var result = await fixture.Host.Scenario(x => x.As(PartnerKeys.Operator).Get.Url($"/api/operations/events/{stored.Id}"));

        var provenance = result.ReadAsJson<EventProvenance>()!;
        provenance.Service.ShouldBe("internships");
        provenance.StreamId.ShouldBe(studentId);
        provenance.Version.ShouldBe(1);
        provenance.CorrelationId.ShouldBe(traceId);
        provenance.CausationId.ShouldBe(stored.CausationId);
        provenance.Command.ShouldBe("RegisterStudent");
        provenance.PartnerId.ShouldBe("xmu-student-system");
        provenance.PartnerRole.ShouldBe(nameof(PartnerRole.University));
        (await result.ReadAsTextAsync()).ShouldNotContain("Amara");
    }

    [Fact]
    public async Task an_operator_lists_every_event_of_one_flow()
    {
        var traceId = NewTraceId();
        var studentId = await RegisterInFlowAsync(traceId);
        await RegisterInFlowAsync(NewTraceId());

        var flow = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Operator).Get.Url($"/api/operations/flows/{traceId}")))
            .ReadAsJson<EventsAcrossServices>()!;

        flow.Events.ShouldHaveSingleItem().StreamId.ShouldBe(studentId);
        flow.UnreachableServices.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_decision_is_one_log_line_accepted_or_refused_naming_the_command()
    {
        var traceId = NewTraceId();
        var studentId = await RegisterInFlowAsync(traceId);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Given.NominationOf(Guid.CreateVersion7())).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status422UnprocessableEntity);
        });

        fixture.Logs.Lines.ShouldContain(line => line.StartsWith("Information") && line.Contains(nameof(DecisionLog))
            && line.Contains("RegisterStudent accepted: student_nominated") && line.Contains(studentId.ToString()) && line.Contains(traceId));
        fixture.Logs.Lines.ShouldContain(line => line.StartsWith("Warning") && line.Contains(nameof(DecisionLog))
            && line.Contains("RegisterStudent refused by rule students-are-nominated-by-a-registered-university"));
        fixture.Logs.Lines.Where(line => line.Contains(nameof(DecisionLog))).ShouldAllBe(line => !line.Contains("Amara"));
    }
}
