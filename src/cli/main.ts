process.stderr.write('sts-lens: no commands yet\n');
process.exit(2);
