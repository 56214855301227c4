using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;
using StudentBase.Http;
using StudentBase.PersonalData;

namespace Subsidies.Students;

public static class Configuration
{
    /// <summary>The students Internships registers, with their internships, as this service keeps them (fed by its messages).</summary>
    public static WebApplicationBuilder AddStudents(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Students", "Students as the Subsidies service knows them, fed by the Internships service.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<StudentRecord>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<StudentRecord>("students");
        builder.Services.AddClearPersonalData<StudentRecorded>("FullName", nameof(StudentRecorded.EncryptedFullName));
        builder.Services.AddClearPersonalData<StudentDetailsCorrected>("FullName", nameof(StudentDetailsCorrected.EncryptedFullName));
        return builder;
    }
}
