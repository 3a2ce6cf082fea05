package dk.udlaendinge.batch.ops;

/**
 * A command whose application serves HTTP (the console, health and metrics): only the
 * daemon; every other command starts without a web server.
 */
interface ServesWeb {

}
