using Marten;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.Testing;
using Subsidies.Students;
using Wolverine;

namespace Subsidies.Tests.Students;

/// <summary>Completed internships are supporting facts for eligibility: they arrive from Internships, once each, in order.</summary>
public class RecordingInternshipMilestones(SubsidiesFixture fixture)
{
    [Fact]
    public async Task an_internship_is_followed_from_agreement_to_completion_and_repeats_change_nothing()
    {
        var registered = SampleStudents.Daniel();
        await fixture.Host.RecordStudentAsync(registered);
        var internshipId = Guid.CreateVersion7();
        var stationId = Guid.CreateVersion7();
        var start = new DateOnly(2024, 7, 1);
        var end = new DateOnly(2024, 9, 30);
        var at = new DateTimeOffset(2024, 6, 20, 16, 0, 0, TimeSpan.FromHours(8));
        var completed = new InternshipCompleted(internshipId, registered.StudentId, registered.UniversityId, stationId, start, end, "XSP-INT-2024-0042", at.AddDays(100));

        await fixture.Host.InvokeAndWaitAsync(new InternshipAgreementSigned(internshipId, registered.StudentId, registered.UniversityId, stationId,
            Guid.CreateVersion7(), start, end, at));
        await fixture.Host.InvokeAndWaitAsync(new InternshipStarted(internshipId, registered.StudentId, stationId, start, at.AddDays(11)));
        await fixture.Host.InvokeAndWaitAsync(completed);
        await fixture.Host.InvokeAndWaitAsync(completed);
        await fixture.Host.InvokeAndWaitAsync(new InternshipStarted(internshipId, registered.StudentId, stationId, start, at.AddDays(11)));

        await using var session = fixture.Store.QuerySession();
        var record = (await session.LoadAsync<StudentRecord>(registered.StudentId, TestContext.Current.CancellationToken))!;
        var internship = record.Internships.ShouldHaveSingleItem();
        internship.Progress.ShouldBe(InternshipProgress.Completed);
        internship.StartedOn.ShouldBe(start);
        internship.EndedOn.ShouldBe(end);
        internship.CertificateNumber.ShouldBe("XSP-INT-2024-0042");
        (await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken))
            .Count(e => e.Data is InternshipMilestoneRecorded).ShouldBe(3);
    }

    [Fact]
    public async Task a_milestone_that_overtakes_the_students_registration_waits_for_it_instead_of_being_lost()
    {
        var registered = SampleStudents.Daniel();
        var completed = new InternshipCompleted(Guid.CreateVersion7(), registered.StudentId, registered.UniversityId, Guid.CreateVersion7(),
            new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), "XSP-INT-2024-0099", DateTimeOffset.UtcNow);
        using (var scope = fixture.Host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>()
                .EndpointFor(new Uri($"postgresql://{Queues.SubsidiesInbox}/")).SendAsync(completed);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
        await fixture.Host.RecordStudentAsync(registered);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        StudentRecord? record;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            await using var session = fixture.Store.QuerySession();
            record = await session.LoadAsync<StudentRecord>(registered.StudentId, TestContext.Current.CancellationToken);
        }
        while (record?.Internships.Count is null or 0 && DateTime.UtcNow < deadline);

        record!.Internships.ShouldHaveSingleItem().CertificateNumber.ShouldBe("XSP-INT-2024-0099");
    }
}

/// <summary>The end of a student's residence permit arrives from Internships: at registration, on a correction or a renewal.</summary>
public class RecordingResidencePermits(SubsidiesFixture fixture)
{
    [Fact]
    public async Task the_permit_internships_reports_is_kept_on_the_student_and_a_repeat_or_an_older_report_changes_nothing()
    {
        var registered = SampleStudents.Daniel();
        await fixture.Host.RecordStudentAsync(registered);
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));

        await fixture.Host.InvokeAndWaitAsync(new ResidencePermitChanged(registered.StudentId, new DateOnly(2027, 6, 30), at));
        await fixture.Host.InvokeAndWaitAsync(new ResidencePermitChanged(registered.StudentId, new DateOnly(2027, 6, 30), at));
        await fixture.Host.InvokeAndWaitAsync(new ResidencePermitChanged(registered.StudentId, new DateOnly(2028, 6, 30), at.AddDays(30)));
        await fixture.Host.InvokeAndWaitAsync(new ResidencePermitChanged(registered.StudentId, new DateOnly(2027, 3, 31), at.AddDays(1)));

        await using var session = fixture.Store.QuerySession();
        (await session.LoadAsync<StudentRecord>(registered.StudentId, TestContext.Current.CancellationToken))!.ResidencePermitValidUntil
            .ShouldBe(new DateOnly(2028, 6, 30));
        (await session.Events.FetchStreamAsync(registered.StudentId, token: TestContext.Current.CancellationToken))
            .Count(e => e.Data is ResidencePermitReported).ShouldBe(2);
    }
}
