using JasperFx.Events.Projections;
using Marten;

namespace Internships.Programme;

public static class Configuration
{
    /// <summary>The programme's monthly figures, kept by the async daemon (the commands do not pay for them).</summary>
    public static WebApplicationBuilder AddProgrammeFigures(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(marten => marten.Projections.Add<ProgrammeMonthProjection>(ProjectionLifecycle.Async));
        return builder;
    }
}
