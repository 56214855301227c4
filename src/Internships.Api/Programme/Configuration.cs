using JasperFx.Events.Projections;
using Marten;
using StudentBase.Http;

namespace Internships.Programme;

public static class Configuration
{
    /// <summary>The programme's monthly figures, kept by the async daemon (the commands do not pay for them).</summary>
    public static WebApplicationBuilder AddProgrammeFigures(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag("Programme", "The programme's figures month by month, without personal data.");
        builder.Services.ConfigureMarten(marten => marten.Projections.Add<ProgrammeMonthProjection>(ProjectionLifecycle.Async));
        return builder;
    }
}
