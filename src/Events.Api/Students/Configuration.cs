using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.PersonalData;

namespace Events.Students;

public static class Configuration
{
    /// <summary>The students Internships registers, as this service keeps them (fed by its messages).</summary>
    public static WebApplicationBuilder AddStudents(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<Student>("students");
        builder.Services.AddClearPersonalData<StudentRecorded>("FullName", nameof(StudentRecorded.EncryptedFullName));
        builder.Services.AddClearPersonalData<StudentDetailsCorrected>("FullName", nameof(StudentDetailsCorrected.EncryptedFullName));
        return builder;
    }
}
