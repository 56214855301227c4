using StudentBase.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddPlatformDatabase();
var broker = builder.AddPlatformBroker();

var internships = builder.AddPlatformService<Projects.Internships_Api>("internships", database, broker);

// Internships provisions the shared queue tables first; the consumers start once it is healthy.
var events = builder.AddPlatformService<Projects.Events_Api>("events", database, broker).WaitFor(internships);
var subsidies = builder.AddPlatformService<Projects.Subsidies_Api>("subsidies", database, broker).WaitFor(internships);

// Each service finds the others (service discovery) to follow a flow's events across all of them.
internships.WithPeers(events, subsidies);
events.WithPeers(internships, subsidies);
subsidies.WithPeers(internships, events);

builder.Build().Run();
