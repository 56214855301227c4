using Internships.Students.CorrectingStudentRecord;
using Internships.Students.ErasingStudent;
using Internships.Students.RegisteringStudent;
using Internships.Students.SealingEarlierRecords;
using JasperFx.Events.Projections;
using Marten;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Http;
using StudentBase.PersonalData;
using Wolverine;

namespace Internships.Students;

public static class Configuration
{
    public static WebApplicationBuilder AddStudents(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Students", "International students nominated by their universities: registration, corrections and erasure of personal data at the student's request.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline));
        builder.Services.ConfigureWolverine(messaging =>
        {
            messaging.PublishToInboxes<PersonalDataKeyShared>(Queues.EventsInbox, Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentRegistered>(Queues.EventsInbox, Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentRecordCorrected>(Queues.EventsInbox, Queues.SubsidiesInbox);
            messaging.PublishToInboxes<StudentPersonalDataErased>(Queues.EventsInbox, Queues.SubsidiesInbox);
            messaging.PublishToInboxes<ResidencePermitChanged>(Queues.SubsidiesInbox);
        });
        builder.Services.AddHistoryOf<Student>("students");
        builder.Services.RelayToOtherServices<StudentNominated>(RegisterStudentEndpoint.Published);
        builder.Services.RelayToOtherServices<StudentDetailsCorrected>(CorrectStudentRecordEndpoint.Published);
        builder.Services.RelayToOtherServices<StudentErased>(EraseStudentEndpoint.Published);
        builder.Services.RelayToOtherServices<EarlierValuesSealed>(SealEarlierRecordsEndpoint.Published);
        builder.Services.RelayToOtherServices<ResidencePermitRecorded>((committed, _, _) => ValueTask.FromResult<IReadOnlyList<object>>(
            [new ResidencePermitChanged(committed.Data.StudentId, committed.Data.ValidUntil, committed.Data.RecordedAt)]));
        builder.Services.AddClearPersonalData<StudentNominated>("FullName", nameof(StudentNominated.EncryptedFullName));
        builder.Services.AddClearPersonalData<StudentDetailsCorrected>("FullName", nameof(StudentDetailsCorrected.EncryptedFullName));
        builder.Services.NotifyPartnersOfStudents();
        return builder;
    }
}
