using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Operations;
using StudentBase.Partners;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// What every service that consumes <see cref="StudentRegistered"/> promises: the student arrives through the
/// service's inbox queue, is exposed at <c>GET /api/students/{id}</c>, and a redelivered message changes nothing.
/// </summary>
/// <typeparam name="TRecorded">The service's own event recording the student.</typeparam>
public abstract class StudentRegisteredConsumerSpecification<TProgram, TRecorded>(ServiceFixture<TProgram> fixture, string inboxQueue)
    where TProgram : class
{
    /// <summary>Asserts that the service's view of the student carries what the message said.</summary>
    protected abstract void ShouldDescribe(JsonObject student, StudentRegistered registered);

    [Fact]
    public async Task a_student_registered_in_internships_becomes_known_here()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.RecordStudentAsync(registered);

        var student = await GetStudentAsync(registered.StudentId);
        student["id"]!.GetValue<Guid>().ShouldBe(registered.StudentId);
        student["fullName"]!.GetValue<string>().ShouldBe("Daniel Smith");
        student["nationality"]!.GetValue<string>().ShouldBe(registered.Nationality);
        student["universityId"]!.GetValue<Guid>().ShouldBe(registered.UniversityId);
        ShouldDescribe(student, registered);
    }

    [Fact]
    public async Task the_message_arrives_through_the_services_inbox_queue()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.TrackActivity()
            .IncludeExternalTransports()
            .Timeout(Tracking.Patience)
            .ExecuteAndWaitAsync((IMessageContext bus) =>
                bus.EndpointFor(new Uri($"postgresql://{inboxQueue}/")).SendAsync(registered));

        await GetStudentAsync(registered.StudentId);
    }

    [Fact]
    public async Task the_same_message_twice_changes_nothing()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.RecordStudentAsync(registered);
        await fixture.Host.InvokeAndWaitAsync(registered with { EncryptedFullName = SampleStudents.Seal(registered.StudentId, "Someone Else") });

        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken);
        events.ShouldHaveSingleItem().Data.ShouldBeOfType<TRecorded>();
        var student = await GetStudentAsync(registered.StudentId);
        student["fullName"]!.GetValue<string>().ShouldBe("Daniel Smith");
        student["version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task the_stored_event_names_the_partner_who_caused_the_message()
    {
        var registered = SampleStudents.Daniel();

        await fixture.Host.TrackActivity().Timeout(Tracking.Patience).ExecuteAndWaitAsync((IMessageContext bus) =>
            bus.InvokeAsync(registered, new DeliveryOptions()
                .WithHeader(ActorHeaders.PartnerId, "xmu-student-system")
                .WithHeader(ActorHeaders.PartnerRole, nameof(PartnerRole.University))));

        await using var session = fixture.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken)).Single();
        stored.UserName.ShouldBe("xmu-student-system");
        stored.GetHeader(ActorHeaders.PartnerId).ShouldNotBeNull().ToString().ShouldBe("xmu-student-system");
        stored.GetHeader(ActorHeaders.PartnerRole).ShouldNotBeNull().ToString().ShouldBe(nameof(PartnerRole.University));
    }

    [Fact]
    public async Task the_stored_event_is_caused_by_the_message_and_names_its_flow_and_sender()
    {
        var registered = SampleStudents.Daniel();
        const string flow = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string sender = "00f067aa0ba902b7";

        var tracked = await fixture.Host.TrackActivity().IncludeExternalTransports().Timeout(Tracking.Patience).ExecuteAndWaitAsync((IMessageContext bus) =>
        {
            bus.CorrelationId = flow;
            return bus.EndpointFor(new Uri($"postgresql://{inboxQueue}/")).SendAsync(registered,
                new DeliveryOptions().WithHeader(Provenance.Headers.SentBy, sender));
        });

        var message = tracked.Executed.Envelopes().Single(envelope => envelope.Message is StudentRegistered);
        await using var session = fixture.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken)).Single();
        stored.CorrelationId.ShouldBe(flow);
        stored.CausationId.ShouldBe(message.Id.ToString());
        stored.GetHeader(Provenance.Headers.SentBy).ShouldNotBeNull().ToString().ShouldBe(sender);
        stored.GetHeader(Provenance.Headers.Command).ShouldNotBeNull().ToString().ShouldEndWith(nameof(StudentRegistered));
        fixture.Spans.Texts.ShouldContain(span => span.StartsWith("Wolverine ") && span.Contains($"studentbase.causation_id={message.Id}")
            && span.Contains($"studentbase.stream_ids={registered.StudentId}") && span.Contains("studentbase.event_types=student_recorded"));
    }

    [Fact]
    public async Task a_correction_changes_the_student_here_once()
    {
        var registered = SampleStudents.Daniel();
        await fixture.Host.RecordStudentAsync(registered);
        var corrected = new StudentRecordCorrected(registered.StudentId, SampleStudents.Seal(registered.StudentId, "Daniel J. Smith"), registered.Programme,
            DegreeLevel.Master, registered.ExpectedGraduation.AddYears(2), DateTimeOffset.UtcNow);

        await fixture.Host.InvokeAndWaitAsync(corrected);
        await fixture.Host.InvokeAndWaitAsync(corrected);

        var student = await GetStudentAsync(registered.StudentId);
        student["fullName"]!.GetValue<string>().ShouldBe("Daniel J. Smith");
        student["degreeLevel"]!.GetValue<string>().ShouldBe(nameof(DegreeLevel.Master));
        student["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task a_correction_that_overtakes_the_registration_creates_nothing_and_is_applied_once_the_student_arrives()
    {
        var registered = SampleStudents.Daniel();
        var corrected = new StudentRecordCorrected(registered.StudentId, SampleStudents.Seal(registered.StudentId, "Daniel Smyth"), registered.Programme, registered.DegreeLevel,
            registered.ExpectedGraduation, DateTimeOffset.UtcNow);
        using (var scope = fixture.Host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().EndpointFor(new Uri($"postgresql://{inboxQueue}/")).SendAsync(corrected);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
        await using (var session = fixture.Store.QuerySession())
        {
            (await session.Events.FetchStreamStateAsync(registered.StudentId, TestContext.Current.CancellationToken)).ShouldBeNull();
        }

        await fixture.Host.RecordStudentAsync(registered);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject student;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            student = await GetStudentAsync(registered.StudentId);
        }
        while (student["fullName"]!.GetValue<string>() != "Daniel Smyth" && DateTime.UtcNow < deadline);

        student["fullName"]!.GetValue<string>().ShouldBe("Daniel Smyth");
    }

    [Fact]
    public async Task the_students_name_is_kept_only_sealed_with_the_key_internships_shared()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var registered = SampleStudents.Daniel(fullName: name);

        await fixture.Host.RecordStudentAsync(registered);

        (await GetStudentAsync(registered.StudentId))["fullName"]!.GetValue<string>().ShouldBe(name);
        (await fixture.Host.TablesContainingAsync(name, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task once_internships_erases_the_student_the_name_is_unreadable_here_and_a_late_key_does_not_bring_it_back()
    {
        var registered = SampleStudents.Daniel();
        await fixture.Host.RecordStudentAsync(registered);
        var erasedAt = DateTimeOffset.UtcNow;

        await fixture.Host.InvokeAndWaitAsync(new StudentPersonalDataErased(registered.StudentId, erasedAt));
        await fixture.Host.InvokeAndWaitAsync(new StudentPersonalDataErased(registered.StudentId, erasedAt));
        await fixture.Host.InvokeAndWaitAsync(SampleStudents.SharedKey(registered.StudentId));

        var student = await GetStudentAsync(registered.StudentId);
        student["fullName"].ShouldBeNull();
        student["erasedAt"]!.GetValue<DateTimeOffset>().ShouldBe(erasedAt, TimeSpan.FromMilliseconds(1));
        student["nationality"]!.GetValue<string>().ShouldBe(registered.Nationality);
        student["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task a_name_an_earlier_version_kept_in_clear_is_sealed_once_internships_shares_the_students_key()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var registered = SampleStudents.Daniel(fullName: name);
        await fixture.Host.InvokeAndWaitAsync(registered);
        await fixture.Host.StoreNameInClearAsync(registered.StudentId, name, TestContext.Current.CancellationToken);
        (await fixture.Host.TablesContainingAsync(name, TestContext.Current.CancellationToken)).ShouldNotBeEmpty();

        await fixture.Host.InvokeAndWaitAsync(SampleStudents.SharedKey(registered.StudentId, sealEarlierCopies: true));

        (await fixture.Host.TablesContainingAsync(name, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await GetStudentAsync(registered.StudentId))["fullName"]!.GetValue<string>().ShouldBe(name);
    }

    [Fact]
    public async Task an_unknown_student_is_a_not_found_problem()
    {
        await fixture.Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            x.ContentTypeShouldBe("application/problem+json");
        });
    }

    private async Task<JsonObject> GetStudentAsync(Guid studentId)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{studentId}");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBeOk();
        });
        var student = (await result.ReadAsJsonAsync<JsonObject>())!;
        result.Context.Response.Headers.ETag.ToString().ShouldBe($"\"{student["version"]!.GetValue<int>()}\"");
        return student;
    }
}
