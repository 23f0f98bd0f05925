return Traffic.Service.Cli.Run(args);
