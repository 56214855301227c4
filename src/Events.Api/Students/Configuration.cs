using JasperFx.Events.Projections;
using Marten;
using StudentBase.History;

namespace Events.Students;

public static class Configuration
{
    /// <summary>The students Internships registers, as this service keeps them (fed by its messages).</summary>
    public static WebApplicationBuilder AddStudents(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten => marten.Projections.Snapshot<Student>(SnapshotLifecycle.Inline));
        builder.Services.AddHistoryOf<Student>("students");
        return builder;
    }
}
