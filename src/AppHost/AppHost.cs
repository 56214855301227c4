using StudentBase.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddPlatformDatabase();

var internships = builder.AddPlatformService<Projects.Internships_Api>("internships", database);

// Internships provisions the shared queue tables first; the consumers start once it is healthy.
builder.AddPlatformService<Projects.Events_Api>("events", database).WaitFor(internships);
builder.AddPlatformService<Projects.Subsidies_Api>("subsidies", database).WaitFor(internships);

builder.Build().Run();
