using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace StudentBase.Http;

/// <summary>
/// The last line of defence: an unexpected exception becomes a 500 problem details without internals,
/// and a request body that could not be read becomes a 400.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    Npgsql.NpgsqlDataSource database,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Create(Problems.PayloadTooLarge),
            BadHttpRequestException badRequest => new ProblemDetails { Status = badRequest.StatusCode, Title = Problems.MalformedRequest.LocalTitle },
            ConcurrencyException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => Problems.Create(Problems.Conflict,
                "Another request changed this resource at the same moment. Read it again and retry.", "另一请求同时更改了该资源。请重新读取后重试。"),
            _ when IsUniqueViolation(exception) => Problems.Create(Problems.Conflict,
                "Another request created the same thing at the same moment. Read it again before retrying.", "另一请求同时创建了相同的资源。请先重新读取，再重试。"),
            _ when IsDatabaseUnreachable(exception) => Problems.Create(Problems.Unavailable),
            _ => Problems.Create(Problems.ServerError),
        };

        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
            // Idle connections opened before the outage are dead too: dropped now, the first requests after the database
            // returns do not each find one.
            database.Clear();
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    private const string UnavailableRetryAfterSeconds = "5";

    /// <summary>
    /// The database is down, restarting or refusing connections (a failure of the connection itself, which Npgsql reports as
    /// an <see cref="Npgsql.NpgsqlException"/> around the socket's error, or the server saying it is shutting down, starting,
    /// or out of connections): transient, and nothing was written. A socket or I/O error of anything else (a client that
    /// went away, a file) is not the database's.
    /// </summary>
    private static bool IsDatabaseUnreachable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            var unreachable = exception switch
            {
                Npgsql.PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("53", StringComparison.Ordinal),
                Npgsql.NpgsqlException => true,
                _ => false,
            };
            if (unreachable)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUniqueViolation(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
